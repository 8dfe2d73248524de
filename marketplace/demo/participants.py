"""Demo participants of the 余姚科技大市场: organizations and users.

Plain Python data, no Django imports. ``manage.py seed_demo`` reads ``ORGANIZATIONS`` and ``USERS`` and creates or
updates the matching rows idempotently, looking organizations up by ``key`` and users by ``username``.

The authority, the market operator and the research institutes named in the city's innovation plan (浙江大学机器人
研究院, 宁波市智能制造产业研究院, 宁波阳明工业技术研究院, 诺丁汉(余姚)智能电气化研究院, 宁波舜安人工智能研究院)
are real bodies, but every description, contact, phone number, e-mail and address here is invented for
demonstration. The other institutes, the service providers and all firms are fictitious.

Only the first two characters of each 统一社会信用代码 are given, as ``credit_prefix`` (登记管理部门码 + 机构类别码:
"11" government body, "12" public institution, "52" private non-enterprise unit, "91" company); the seed command is
expected to complete it with a stable per-key body and a valid checksum.
"""

ORGANIZATIONS = [
    # ------------------------------------------------------------------ authority and market operator
    {
        "key": "yykjj",
        "kind": "authority",
        "name": "余姚市科学技术局",
        "name_en": "Yuyao Science and Technology Bureau",
        "credit_prefix": "11",
        "region": "330281",
        "verified": True,
        "description": (
            "余姚市人民政府主管科技工作的工作部门，负责全市科技创新规划与政策制定、科技计划项目管理、"
            "高新技术企业和科技型中小企业培育、科研院所引进与绩效评价。"
            "牵头推进“企业出题、院所解题、市场阅题”机制，设立创新券并审批发放，"
            "对科技大市场的服务机构开展备案、监督与创新券兑付管理。"
        ),
        "expertise": ["科技计划项目管理", "创新券审批与兑付", "高新技术企业培育", "科研院所绩效评价", "技术合同登记"],
        "industry_chains": ["optoelectronics", "robotics", "home_appliances", "molds", "rubber_plastics"],
        "tech_fields": ["high_tech_services"],
        "contact_name": "沈国良",
        "contact_phone": "0574-62701108",
        "contact_email": "office@yykjj.example.cn",
        "website": "",
        "address": "余姚市阳明街道阳明西路208号",
    },
    {
        "key": "market_ops",
        "kind": "service_provider",
        "name": "余姚市科技大市场运营服务中心",
        "name_en": "Yuyao Technology Market Operation Service Center",
        "credit_prefix": "12",
        "region": "330281",
        "verified": True,
        "is_market_operator": True,  # its members moderate listings and organizations
        "description": (
            "受余姚市科学技术局委托运营科技大市场线上平台与线下服务大厅，"
            "负责企业技术需求征集与发布、揭榜挂帅组织、大型科研仪器共享目录维护和创新券受理初审。"
            "常驻技术经纪人为企业与院所做需求诊断和供需对接，每月举办成果路演与产学研对接会，"
            "并承担服务机构兑付申请的公示与材料审核。"
        ),
        "expertise": ["技术需求挖掘", "揭榜挂帅组织", "科技成果路演", "技术经纪", "仪器共享管理", "创新券受理"],
        "industry_chains": ["optoelectronics", "robotics", "home_appliances", "molds", "rubber_plastics", "nev_parts"],
        "tech_fields": ["high_tech_services"],
        "contact_name": "黄雅琴",
        "contact_phone": "0574-62725600",
        "contact_email": "service@yytm.example.cn",
        "website": "",
        "address": "余姚市凤山街道新建北路318号科创中心2楼",
    },
    # ------------------------------------------------------------------ research institutes
    {
        "key": "zju_robot",
        "kind": "institute",
        "name": "浙江大学机器人研究院",
        "name_en": "Zhejiang University Robotics Institute",
        "credit_prefix": "12",
        "region": "330281",
        "verified": True,
        "description": (
            "依托浙江大学控制科学与工程学科建设的新型研发机构，聚焦工业机器人、协作机器人和移动机器人整机与核心部件。"
            "在伺服驱动与多轴运动控制、谐波减速器与关节模组、机器人动力学标定、力控打磨与柔顺装配等方向形成成套技术，"
            "建有机器人性能检测平台，可为企业提供重复定位精度、轨迹精度和负载寿命测试。"
        ),
        "expertise": [
            "多轴运动控制",
            "伺服驱动器设计",
            "谐波减速器与关节模组",
            "机器人动力学标定",
            "力控打磨与柔顺装配",
            "AGV/AMR导航",
            "机器人重复定位精度检测",
        ],
        "industry_chains": ["robotics", "nev_parts"],
        "tech_fields": ["advanced_manufacturing", "electronic_information"],
        "contact_name": "章立辰",
        "contact_phone": "0574-62958810",
        "contact_email": "contact@zjuri.example.cn",
        "website": "",
        "address": "余姚市兰江街道舜宇路9号机器人智谷小镇A区",
    },
    {
        "key": "nbim",
        "kind": "institute",
        "name": "宁波市智能制造产业研究院",
        "name_en": "Ningbo Intelligent Manufacturing Industry Research Institute",
        "credit_prefix": "12",
        "region": "330281",
        "verified": True,
        "description": (
            "面向家电、模具、橡塑等余姚传统优势产业开展智能化改造服务的产业研究院。"
            "主要从事工业互联网平台、制造执行系统（MES）、设备联网与数据采集、数字孪生产线仿真和智能工厂规划，"
            "已为上百家中小企业实施注塑车间联网与能耗监测，擅长用产线数据分析解决良率波动、换模时间长等问题。"
        ),
        "expertise": [
            "工业互联网平台",
            "MES制造执行系统",
            "设备联网与数据采集",
            "数字孪生产线仿真",
            "智能工厂规划",
            "注塑车间能耗监测",
            "生产排程优化",
        ],
        "industry_chains": ["home_appliances", "molds", "rubber_plastics", "robotics"],
        "tech_fields": ["advanced_manufacturing", "electronic_information", "high_tech_services"],
        "contact_name": "陆振华",
        "contact_phone": "0574-62960233",
        "contact_email": "bd@nbimi.example.cn",
        "website": "",
        "address": "余姚市阳明街道谭家岭东路399号智能制造创新园3号楼",
    },
    {
        "key": "yangming",
        "kind": "institute",
        "name": "宁波阳明工业技术研究院",
        "name_en": "Ningbo Yangming Institute of Industrial Technology",
        "credit_prefix": "52",
        "region": "330281",
        "verified": True,
        "description": (
            "以材料分析与精密检测为特色的公共技术服务平台，配备工业CT、扫描电镜、X射线衍射仪、三坐标测量机和光学轮廓仪等大型仪器。"
            "可开展金属与高分子材料成分及失效分析、铸件内部缺陷无损检测、光学元件面形与表面粗糙度测量，"
            "为企业查找开裂、气孔、尺寸超差等质量问题的根本原因。"
        ),
        "expertise": [
            "工业CT无损检测",
            "材料失效分析",
            "扫描电镜与能谱分析",
            "X射线衍射物相分析",
            "三坐标精密测量",
            "光学面形与粗糙度检测",
        ],
        "industry_chains": ["new_materials", "optoelectronics", "nev_parts"],
        "tech_fields": ["new_materials", "high_tech_services"],
        "contact_name": "戚文杰",
        "contact_phone": "0574-62987716",
        "contact_email": "lab@ymiit.example.cn",
        "website": "",
        "address": "余姚市阳明街道锦凤路58号",
    },
    {
        "key": "unnc_elec",
        "kind": "institute",
        "name": "诺丁汉(余姚)智能电气化研究院",
        "name_en": "Nottingham (Yuyao) Institute of Intelligent Electrification",
        "credit_prefix": "52",
        "region": "330281",
        "verified": True,
        "description": (
            "由宁波诺丁汉大学电气化团队与余姚市合作共建，研究方向为高效永磁电机、电力电子变换与电驱动系统。"
            "可承接新能源汽车驱动电机与电子水泵电机设计、碳化硅逆变器与车载充电机开发、电机电磁与温升仿真、"
            "无刷直流电机无感控制，以及家电电机能效提升与噪声振动优化，拥有电机对拖测试台和功率分析平台。"
        ),
        "expertise": [
            "永磁同步电机设计",
            "电机电磁与温升仿真",
            "碳化硅逆变器",
            "车载充电机OBC",
            "无刷直流电机无感控制",
            "电机NVH优化",
            "电机对拖测试",
        ],
        "industry_chains": ["nev_parts", "home_appliances"],
        "tech_fields": ["new_energy", "advanced_manufacturing"],
        "contact_name": "何嘉懿",
        "contact_phone": "0574-62993520",
        "contact_email": "info@nyiie.example.cn",
        "website": "",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
    },
    {
        "key": "shunan_ai",
        "kind": "institute",
        "name": "宁波舜安人工智能研究院",
        "name_en": "Ningbo Shun'an Artificial Intelligence Research Institute",
        "credit_prefix": "52",
        "region": "330281",
        "verified": True,
        "description": (
            "专注机器视觉与智能语音的人工智能研究院。在工业视觉方面提供基于深度学习的表面缺陷检测、"
            "OCR字符识别和视觉引导抓取方案，可在产线小样本条件下快速训练模型；"
            "在语音方面研发离线语音识别与声纹唤醒模组，适配家电和车载嵌入式芯片，"
            "并提供模型压缩与边缘端部署服务。"
        ),
        "expertise": [
            "深度学习缺陷检测",
            "机器视觉引导抓取",
            "OCR字符识别",
            "离线语音识别",
            "声纹唤醒",
            "模型压缩与边缘部署",
        ],
        "industry_chains": ["robotics", "home_appliances", "optoelectronics"],
        "tech_fields": ["electronic_information"],
        "contact_name": "任思远",
        "contact_phone": "0574-62976618",
        "contact_email": "ai@shunan.example.cn",
        "website": "",
        "address": "余姚市凤山街道城东北路128号人工智能产业园B座",
    },
    {
        "key": "yy_oe_inst",
        "kind": "institute",
        "name": "余姚市光电信息产业创新研究院",
        "name_en": "Yuyao Optoelectronic Information Industry Innovation Institute",
        "credit_prefix": "12",
        "region": "330281",
        "verified": True,
        "description": (
            "服务余姚智能光电小镇光学产业集群的创新研究院，重点攻关光学镜头设计与装调、精密光学镀膜、"
            "红外与激光雷达光学、光电传感器信号处理。"
            "建有MTF测试、杂散光分析和镀膜光谱测量平台，可为车载镜头、安防镜头、手机模组企业提供"
            "光学设计仿真、公差分析和环境可靠性验证。"
        ),
        "expertise": [
            "光学镜头设计",
            "镜头公差分析与装调",
            "精密光学镀膜",
            "MTF与杂散光测试",
            "红外与激光雷达光学",
            "光电传感信号处理",
        ],
        "industry_chains": ["optoelectronics", "nev_parts"],
        "tech_fields": ["electronic_information", "new_materials"],
        "contact_name": "钱若琳",
        "contact_phone": "0574-62935072",
        "contact_email": "oe@yyoei.example.cn",
        "website": "",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
    },
    {
        "key": "yy_polymer",
        "kind": "institute",
        "name": "余姚市模具与高分子材料研究院",
        "name_en": "Yuyao Institute of Molds and Polymer Materials",
        "credit_prefix": "52",
        "region": "330281",
        "verified": True,
        "description": (
            "围绕余姚模具城和橡塑产业开展共性技术研究，主攻注塑模流分析、模具随形冷却水路设计、热流道系统优化，"
            "以及改性塑料、阻燃材料和橡胶配方开发。"
            "可完成材料力学、熔指、老化和阻燃等级测试，帮助企业解决翘曲变形、缩痕、熔接痕和橡胶件压缩永久变形大等问题。"
        ),
        "expertise": [
            "注塑模流分析",
            "随形冷却水路设计",
            "热流道系统优化",
            "改性塑料配方",
            "无卤阻燃材料",
            "橡胶配方与硫化工艺",
            "高分子材料老化测试",
        ],
        "industry_chains": ["molds", "rubber_plastics", "new_materials"],
        "tech_fields": ["new_materials", "advanced_manufacturing"],
        "contact_name": "徐海峰",
        "contact_phone": "0574-62948835",
        "contact_email": "rd@yympm.example.cn",
        "website": "",
        "address": "余姚市低塘街道模具城南路21号",
    },
    {
        "key": "yy_design",
        "kind": "institute",
        "name": "余姚市工业设计研究院",
        "name_en": "Yuyao Industrial Design Institute",
        "credit_prefix": "52",
        "region": "330281",
        "verified": True,
        "description": (
            "面向家电和消费电子企业的工业设计与产品开发机构，提供外观造型、CMF色彩材质工艺、人机工程、"
            "结构设计与手板验证的一站式服务。"
            "熟悉小家电出口市场的用户研究与认证要求，能把设计方案转化为可量产的模具结构，"
            "帮助企业缩短新品开发周期、提升产品溢价。"
        ),
        "expertise": ["工业外观设计", "CMF设计", "人机工程", "产品结构设计", "手板与快速原型", "用户研究"],
        "industry_chains": ["home_appliances", "molds"],
        "tech_fields": ["high_tech_services"],
        "contact_name": "邵一鸣",
        "contact_phone": "0574-62916642",
        "contact_email": "design@yyidi.example.cn",
        "website": "",
        "address": "余姚市凤山街道世南西路56号工业设计中心",
    },
    # ------------------------------------------------------------------ service providers
    {
        "key": "hengzhun_test",
        "kind": "service_provider",
        "name": "余姚市衡准检测技术有限公司",
        "name_en": "Yuyao Hengzhun Testing Technology Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "具备CMA和CNAS资质的第三方检验检测机构，覆盖家用电器安全、电磁兼容（EMC）、"
            "环境可靠性和汽车零部件耐久测试。"
            "拥有3米法电波暗室、高低温湿热箱、盐雾箱和振动台，可出具CCC、CE、UL预测试报告，"
            "协助出口企业整改传导骚扰、辐射超标和温升不合格等问题。"
        ),
        "expertise": ["电磁兼容EMC测试", "家电安全检测", "环境可靠性试验", "盐雾与振动试验", "CCC/CE认证预测试"],
        "industry_chains": ["home_appliances", "nev_parts", "optoelectronics"],
        "tech_fields": ["high_tech_services"],
        "contact_name": "胡晓东",
        "contact_phone": "0574-62886319",
        "contact_email": "service@hzjc.example.cn",
        "website": "",
        "address": "余姚市经济开发区城东新区兴业路77号",
    },
    {
        "key": "zhiqiao_tt",
        "kind": "service_provider",
        "name": "宁波知桥技术转移服务有限公司",
        "name_en": "Ningbo Zhiqiao Technology Transfer Services Co., Ltd.",
        "credit_prefix": "91",
        "region": "330212",
        "verified": True,
        "description": (
            "专业技术转移机构，为企业和院所提供专利导航、专利价值评估、技术合同起草与登记、"
            "科技成果作价入股方案设计等服务。"
            "团队由持证技术经纪人和专利代理师组成，长期对接长三角高校成果，"
            "擅长为中小制造企业寻找可许可的专利和合作开发伙伴。"
        ),
        "expertise": ["专利导航", "专利价值评估", "技术合同登记", "成果作价入股", "技术经纪", "知识产权贯标"],
        "industry_chains": ["new_materials", "robotics", "optoelectronics", "home_appliances"],
        "tech_fields": ["high_tech_services"],
        "contact_name": "王可欣",
        "contact_phone": "0574-87356210",
        "contact_email": "bd@zhiqiao.example.cn",
        "website": "",
        "address": "宁波市鄞州区首南街道天童南路588号",
    },
    # ------------------------------------------------------------------ 长三角: testing platforms in other cities
    #     (fictitious; their instruments are offered to Yuyao firms under the delta's 通用通兑 vouchers)
    {
        "key": "sh_pujiang_test",
        "kind": "service_provider",
        "name": "上海浦江先进材料测试研究院",
        "name_en": "Shanghai Pujiang Advanced Materials Testing Institute",
        "credit_prefix": "12",
        "region": "310000",
        "verified": True,
        "description": (
            "面向长三角制造企业的材料表征与失效分析公共服务平台，配备透射电镜、飞行时间二次离子质谱等高端分析仪器。"
            "可开展金属与半导体材料微观组织、界面和元素深度分布分析，"
            "为新能源汽车、集成电路和光学企业查找镀层剥离、界面开裂和污染等失效原因。"
        ),
        "expertise": ["透射电镜分析", "界面与薄膜表征", "二次离子质谱", "半导体失效分析", "镀层剥离分析"],
        "industry_chains": ["new_materials", "optoelectronics", "nev_parts"],
        "tech_fields": ["new_materials", "high_tech_services"],
        "contact_name": "顾文斌",
        "contact_phone": "021-54306218",
        "contact_email": "service@pjamt.example.cn",
        "website": "",
        "address": "上海市闵行区江川东路1088号材料测试大楼",
    },
    {
        "key": "hz_zhijiang_sense",
        "kind": "service_provider",
        "name": "杭州之江智能传感检测研究院",
        "name_en": "Hangzhou Zhijiang Intelligent Sensing Testing Institute",
        "credit_prefix": "52",
        "region": "330100",
        "verified": True,
        "description": (
            "专注光电传感器、激光雷达和车载摄像模组的性能测试与标定服务机构，"
            "建有激光雷达测距标定场、光学暗室和高低温光学测试平台，"
            "可完成测距精度、视场角、点云一致性和环境可靠性验证，帮助传感器企业缩短车规认证周期。"
        ),
        "expertise": ["激光雷达标定", "测距精度测试", "摄像模组光学测试", "传感器环境可靠性", "车规认证预测试"],
        "industry_chains": ["optoelectronics", "nev_parts", "robotics"],
        "tech_fields": ["electronic_information", "high_tech_services"],
        "contact_name": "方晨曦",
        "contact_phone": "0571-86932047",
        "contact_email": "lab@zjisti.example.cn",
        "website": "",
        "address": "杭州市西湖区文三路259号智能传感产业园4号楼",
    },
    {
        "key": "sz_nano_char",
        "kind": "service_provider",
        "name": "苏州工业园区纳米材料表征研究院",
        "name_en": "Suzhou Industrial Park Nanomaterials Characterization Institute",
        "credit_prefix": "12",
        "region": "320500",
        "verified": True,
        "description": (
            "服务苏州纳米城和长三角新材料企业的表征平台，提供X射线光电子能谱、原子力显微镜和比表面积分析。"
            "可测定薄膜与涂层的表面元素化学态、粗糙度和纳米力学性能，以及粉体比表面积与孔径分布，"
            "支持功能涂层、改性塑料填料和电池材料的研发与来料检验。"
        ),
        "expertise": ["X射线光电子能谱", "原子力显微镜", "比表面积与孔径分析", "涂层表面分析", "纳米粉体表征"],
        "industry_chains": ["new_materials", "rubber_plastics", "optoelectronics"],
        "tech_fields": ["new_materials", "high_tech_services"],
        "contact_name": "沈佳怡",
        "contact_phone": "0512-62875530",
        "contact_email": "char@sipnano.example.cn",
        "website": "",
        "address": "苏州工业园区若水路398号纳米城C区",
    },
    {
        "key": "hf_battery_test",
        "kind": "service_provider",
        "name": "合肥新能源动力电池检测研究院",
        "name_en": "Hefei New-Energy Power Battery Testing Institute",
        "credit_prefix": "52",
        "region": "340100",
        "verified": True,
        "description": (
            "面向新能源汽车和储能产业的动力电池检测机构，拥有电池充放电测试系统、加速量热仪和安全滥用测试舱。"
            "可开展电芯与模组的容量、倍率、循环寿命和热失控测试，"
            "为电池包、电驱与热管理零部件企业提供GB 38031预测试和失效分析。"
        ),
        "expertise": [
            "动力电池循环寿命测试",
            "加速量热热失控测试",
            "电池安全滥用试验",
            "GB 38031预测试",
            "储能电池检测",
        ],
        "industry_chains": ["nev_parts", "new_materials"],
        "tech_fields": ["new_energy", "high_tech_services"],
        "contact_name": "汪志远",
        "contact_phone": "0551-65318842",
        "contact_email": "test@hfnebt.example.cn",
        "website": "",
        "address": "合肥市高新区创新大道2800号新能源检测基地",
    },
    # ------------------------------------------------------------------ enterprises
    {
        "key": "lanhe_elec",
        "kind": "enterprise",
        "name": "余姚市澜禾电器有限公司",
        "name_en": "Yuyao Lanhe Electric Appliance Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "小家电制造企业，主要产品为空气炸锅、电热水壶、多功能料理锅，年产能约300万台，七成以上出口欧美。"
            "拥有注塑、五金冲压和总装车间，正推进发热盘温控精度提升、降低整机待机功耗，"
            "并计划为高端机型加入离线语音控制功能。"
        ),
        "expertise": ["空气炸锅", "电热水壶", "温控器应用", "小家电总装", "出口认证"],
        "industry_chains": ["home_appliances"],
        "tech_fields": ["advanced_manufacturing"],
        "contact_name": "周建伟",
        "contact_phone": "0574-62571836",
        "contact_email": "zhoujw@lanhe.example.cn",
        "website": "",
        "address": "余姚市朗霞街道朗霞工业园区霞园路16号",
    },
    {
        "key": "muchuan_mold",
        "kind": "enterprise",
        "name": "宁波沐川模具有限公司",
        "name_en": "Ningbo Muchuan Mould Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "专业从事中大型精密注塑模具设计与制造，产品包括汽车内饰件、家电外壳和周转箱模具，年交付模具约260套。"
            "配有高速加工中心、慢走丝和深孔钻，目前面临薄壁件翘曲、模具冷却周期偏长的难题，"
            "希望引入模流分析和随形冷却技术缩短成型周期。"
        ),
        "expertise": ["注塑模具设计", "汽车内饰模具", "家电外壳模具", "高速加工", "模具试模"],
        "industry_chains": ["molds", "nev_parts", "home_appliances"],
        "tech_fields": ["advanced_manufacturing"],
        "contact_name": "罗志强",
        "contact_phone": "0574-62491107",
        "contact_email": "luozq@muchuan.example.cn",
        "website": "",
        "address": "余姚市低塘街道模具城北路88号",
    },
    {
        "key": "jingche_optics",
        "kind": "enterprise",
        "name": "余姚市晶澈光学科技有限公司",
        "name_en": "Yuyao Jingche Optical Technology Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "生产车载摄像镜头和安防监控镜头的光学企业，具备玻璃球面镜片研磨、塑料非球面镜片注塑和镜头组装能力。"
            "正开发用于智能驾驶的800万像素前视镜头，需要解决高低温下离焦、镀膜耐候性和杂散光抑制等技术问题。"
        ),
        "expertise": ["车载镜头", "安防镜头", "非球面镜片注塑", "镜片研磨抛光", "镜头组装调焦"],
        "industry_chains": ["optoelectronics", "nev_parts"],
        "tech_fields": ["electronic_information"],
        "contact_name": "孙慧敏",
        "contact_phone": "0574-62652490",
        "contact_email": "sunhm@jingche.example.cn",
        "website": "",
        "address": "余姚市兰江街道光电路266号",
    },
    {
        "key": "ruigan_sensor",
        "kind": "enterprise",
        "name": "余姚市睿感光电科技有限公司",
        "name_en": "Yuyao Ruigan Optoelectronic Technology Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "研发生产光电开关、激光测距传感器和光幕等工业光电传感器，产品用于包装机械、物流分拣和自动化产线。"
            "现有产品在强环境光和高反光表面下误触发率偏高，企业希望改进信号处理算法并开发TOF激光测距模组，"
            "替代进口同类产品。"
        ),
        "expertise": ["光电开关", "激光测距传感器", "安全光幕", "传感器电路设计", "工业现场总线"],
        "industry_chains": ["optoelectronics", "robotics"],
        "tech_fields": ["electronic_information", "advanced_manufacturing"],
        "contact_name": "蒋立新",
        "contact_phone": "0574-62688253",
        "contact_email": "jianglx@ruigan.example.cn",
        "website": "",
        "address": "余姚市阳明街道兴滨路35号",
    },
    {
        "key": "hengren_rubber",
        "kind": "enterprise",
        "name": "余姚市恒韧橡塑制品有限公司",
        "name_en": "Yuyao Hengren Rubber and Plastic Products Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "生产汽车和家电用橡胶密封件、减震垫及塑料卡扣，主要材料为三元乙丙、氟橡胶和改性尼龙。"
            "拥有平板硫化机、橡胶注射机和密炼线，正为新能源汽车电池包开发耐高低温密封条，"
            "需要降低压缩永久变形并通过阻燃与耐电解液验证。"
        ),
        "expertise": ["橡胶密封件", "减震橡胶件", "三元乙丙混炼", "橡胶注射成型", "改性尼龙卡扣"],
        "industry_chains": ["rubber_plastics", "nev_parts", "home_appliances"],
        "tech_fields": ["new_materials"],
        "contact_name": "叶春华",
        "contact_phone": "0574-62197428",
        "contact_email": "yech@hengren.example.cn",
        "website": "",
        "address": "余姚市泗门镇工业园区光明路120号",
    },
    {
        "key": "chipeng_auto",
        "kind": "enterprise",
        "name": "宁波驰澎汽车部件有限公司",
        "name_en": "Ningbo Chipeng Auto Parts Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "为整车厂和一级供应商配套生产汽车热管理零部件，产品包括电子水泵、电子膨胀阀壳体和铝合金压铸件。"
            "正在开发800伏平台电驱冷却用电子水泵，需要提高电机效率、降低运行噪声，"
            "并解决压铸壳体内部气孔导致的渗漏问题。"
        ),
        "expertise": ["电子水泵", "铝合金压铸", "热管理零部件", "汽车零部件精加工", "IATF16949质量体系"],
        "industry_chains": ["nev_parts"],
        "tech_fields": ["new_energy", "advanced_manufacturing"],
        "contact_name": "吴振宇",
        "contact_phone": "0574-62736914",
        "contact_email": "wuzy@chipeng.example.cn",
        "website": "",
        "address": "余姚市马渚镇开元工业区开元路51号",
    },
    {
        "key": "qingke_equip",
        "kind": "enterprise",
        "name": "余姚市擎科智能装备有限公司",
        "name_en": "Yuyao Qingke Intelligent Equipment Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "生产注塑机取件机械手、桁架机器人和非标自动化装配线，客户主要为余姚及周边的注塑、家电企业。"
            "企业计划开发带视觉定位的六轴上下料工作站，需要在运动控制算法、视觉引导抓取和整机振动抑制方面"
            "寻找技术合作伙伴。"
        ),
        "expertise": ["注塑机械手", "桁架机器人", "非标自动化产线", "气动与伺服控制", "PLC编程"],
        "industry_chains": ["robotics", "rubber_plastics"],
        "tech_fields": ["advanced_manufacturing"],
        "contact_name": "张鹏飞",
        "contact_phone": "0574-62817520",
        "contact_email": "zhangpf@qingke.example.cn",
        "website": "",
        "address": "余姚市兰江街道机器人智谷小镇智造路22号",
    },
    {
        "key": "hongdu_motor",
        "kind": "enterprise",
        "name": "余姚市鸿渡微电机有限公司",
        "name_en": "Yuyao Hongdu Micro Motor Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": True,
        "description": (
            "生产家电用串激电机、直流无刷电机和汽车座椅调节电机，年产各类微电机约800万台。"
            "受能效新标准影响，企业需要将吸尘器、破壁机用电机从有刷方案升级为高速无刷方案，"
            "急需电机电磁设计、驱动控制和降噪方面的技术支持。"
        ),
        "expertise": ["串激电机", "直流无刷电机", "汽车座椅电机", "电机绕线与装配", "电机性能测试"],
        "industry_chains": ["home_appliances", "nev_parts"],
        "tech_fields": ["advanced_manufacturing", "new_energy"],
        "contact_name": "毛国平",
        "contact_phone": "0574-62460381",
        "contact_email": "maogp@hongdu.example.cn",
        "website": "",
        "address": "余姚市陆埠镇工业区南山路9号",
    },
    {
        "key": "chenghong_elec",
        "kind": "enterprise",
        "name": "慈溪市澄泓电器有限公司",
        "name_en": "Cixi Chenghong Electric Appliance Co., Ltd.",
        "credit_prefix": "91",
        "region": "330282",
        "verified": True,
        "description": (
            "位于慈溪的个人护理小家电企业，产品为电吹风、卷发棒和电动剃须刀，主要为海外品牌代工。"
            "正在开发负离子高速吹风机，需要解决高速风机噪声、出风温度精确控制和整机外观设计问题，"
            "并计划使用余姚的检测平台做EMC和可靠性测试。"
        ),
        "expertise": ["电吹风", "卷发棒", "电动剃须刀", "个护小家电ODM", "整机装配与检验"],
        "industry_chains": ["home_appliances"],
        "tech_fields": ["advanced_manufacturing"],
        "contact_name": "潘丽君",
        "contact_phone": "0574-63915287",
        "contact_email": "panlj@chenghong.example.cn",
        "website": "",
        "address": "慈溪市周巷镇兴业北路103号",
    },
    {
        "key": "yaoyuan_newmat",
        "kind": "enterprise",
        "name": "余姚市曜远新材料科技有限公司",
        "name_en": "Yuyao Yaoyuan New Material Technology Co., Ltd.",
        "credit_prefix": "91",
        "region": "330281",
        "verified": False,
        "description": (
            "新近注册的改性塑料企业，计划为家电和汽车零部件客户提供玻纤增强PP、无卤阻燃PC/ABS等改性粒料。"
            "目前在小曹娥镇租用厂房安装双螺杆挤出线，企业资料正在等待平台审核，"
            "后续希望与院所合作开发低气味、低散发的汽车内饰专用料。"
        ),
        "expertise": ["改性塑料", "玻纤增强PP", "无卤阻燃PC/ABS", "双螺杆挤出造粒"],
        "industry_chains": ["new_materials", "rubber_plastics"],
        "tech_fields": ["new_materials"],
        "contact_name": "朱明轩",
        "contact_phone": "0574-62359046",
        "contact_email": "zhumx@yaoyuan.example.cn",
        "website": "",
        "address": "余姚市小曹娥镇滨海产业园纬三路17号",
    },
]

USERS = [
    # username (ascii), display name (Chinese), email, platform admin?, memberships [(org key, role)]
    # --- platform staff
    {"username": "admin", "name": "平台管理员", "email": "admin@example.cn", "platform_admin": True, "memberships": []},
    {
        "username": "reviewer",
        "name": "林晓燕",
        "email": "reviewer@example.cn",
        "platform_admin": True,
        "memberships": [],
    },
    # --- authority and market operator
    {
        "username": "kjj",
        "name": "沈国良",
        "email": "kjj@example.cn",
        "platform_admin": False,
        "memberships": [("yykjj", "admin")],
    },
    {
        "username": "yy_market",
        "name": "黄雅琴",
        "email": "yy_market@example.cn",
        "platform_admin": False,
        "memberships": [("market_ops", "admin")],
    },
    # --- institutes
    {
        "username": "zju_robot",
        "name": "章立辰",
        "email": "zju_robot@example.cn",
        "platform_admin": False,
        "memberships": [("zju_robot", "admin")],
    },
    {
        "username": "zju_robot_eng",
        "name": "郑浩然",
        "email": "zju_robot_eng@example.cn",
        "platform_admin": False,
        "memberships": [("zju_robot", "member")],
    },
    {
        "username": "nbim",
        "name": "陆振华",
        "email": "nbim@example.cn",
        "platform_admin": False,
        "memberships": [("nbim", "admin")],
    },
    {
        "username": "yangming",
        "name": "戚文杰",
        "email": "yangming@example.cn",
        "platform_admin": False,
        "memberships": [("yangming", "admin")],
    },
    {
        "username": "yangming_lab",
        "name": "孔雪梅",
        "email": "yangming_lab@example.cn",
        "platform_admin": False,
        "memberships": [("yangming", "member")],
    },
    {
        "username": "unnc_elec",
        "name": "何嘉懿",
        "email": "unnc_elec@example.cn",
        "platform_admin": False,
        "memberships": [("unnc_elec", "admin")],
    },
    {
        "username": "shunan_ai",
        "name": "任思远",
        "email": "shunan_ai@example.cn",
        "platform_admin": False,
        "memberships": [("shunan_ai", "admin")],
    },
    {
        "username": "yy_oe",
        "name": "钱若琳",
        "email": "yy_oe@example.cn",
        "platform_admin": False,
        "memberships": [("yy_oe_inst", "admin")],
    },
    {
        "username": "yy_polymer",
        "name": "徐海峰",
        "email": "yy_polymer@example.cn",
        "platform_admin": False,
        "memberships": [("yy_polymer", "admin")],
    },
    {
        "username": "yy_design",
        "name": "邵一鸣",
        "email": "yy_design@example.cn",
        "platform_admin": False,
        "memberships": [("yy_design", "admin")],
    },
    # --- service providers
    {
        "username": "yy_testing",
        "name": "胡晓东",
        "email": "yy_testing@example.cn",
        "platform_admin": False,
        "memberships": [("hengzhun_test", "admin")],
    },
    {
        "username": "nb_transfer",
        "name": "王可欣",
        "email": "nb_transfer@example.cn",
        "platform_admin": False,
        "memberships": [("zhiqiao_tt", "admin")],
    },
    # --- 长三角 testing platforms in other cities
    {
        "username": "sh_test",
        "name": "顾文斌",
        "email": "sh_test@example.cn",
        "platform_admin": False,
        "memberships": [("sh_pujiang_test", "admin")],
    },
    {
        "username": "hz_sense",
        "name": "方晨曦",
        "email": "hz_sense@example.cn",
        "platform_admin": False,
        "memberships": [("hz_zhijiang_sense", "admin")],
    },
    {
        "username": "sz_nano",
        "name": "沈佳怡",
        "email": "sz_nano@example.cn",
        "platform_admin": False,
        "memberships": [("sz_nano_char", "admin")],
    },
    {
        "username": "hf_battery",
        "name": "汪志远",
        "email": "hf_battery@example.cn",
        "platform_admin": False,
        "memberships": [("hf_battery_test", "admin")],
    },
    # --- enterprises
    {
        "username": "yy_appliance",
        "name": "周建伟",
        "email": "yy_appliance@example.cn",
        "platform_admin": False,
        "memberships": [("lanhe_elec", "admin")],
    },
    {
        "username": "yy_mold",
        "name": "罗志强",
        "email": "yy_mold@example.cn",
        "platform_admin": False,
        "memberships": [("muchuan_mold", "admin")],
    },
    {
        "username": "yy_mold_eng",
        "name": "岑佳豪",
        "email": "yy_mold_eng@example.cn",
        "platform_admin": False,
        "memberships": [("muchuan_mold", "member")],
    },
    {
        "username": "yy_lens",
        "name": "孙慧敏",
        "email": "yy_lens@example.cn",
        "platform_admin": False,
        "memberships": [("jingche_optics", "admin")],
    },
    {
        "username": "yy_lens_qa",
        "name": "杨子涵",
        "email": "yy_lens_qa@example.cn",
        "platform_admin": False,
        "memberships": [("jingche_optics", "member")],
    },
    {
        "username": "yy_sensor",
        "name": "蒋立新",
        "email": "yy_sensor@example.cn",
        "platform_admin": False,
        "memberships": [("ruigan_sensor", "admin")],
    },
    {
        "username": "yy_rubber",
        "name": "叶春华",
        "email": "yy_rubber@example.cn",
        "platform_admin": False,
        "memberships": [("hengren_rubber", "admin")],
    },
    {
        "username": "yy_auto",
        "name": "吴振宇",
        "email": "yy_auto@example.cn",
        "platform_admin": False,
        "memberships": [("chipeng_auto", "admin")],
    },
    {
        "username": "yy_robot",
        "name": "张鹏飞",
        "email": "yy_robot@example.cn",
        "platform_admin": False,
        "memberships": [("qingke_equip", "admin")],
    },
    {
        "username": "yy_motor",
        "name": "毛国平",
        "email": "yy_motor@example.cn",
        "platform_admin": False,
        "memberships": [("hongdu_motor", "admin")],
    },
    {
        "username": "cx_appliance",
        "name": "潘丽君",
        "email": "cx_appliance@example.cn",
        "platform_admin": False,
        "memberships": [("chenghong_elec", "admin")],
    },
    {
        "username": "yy_newmat",
        "name": "朱明轩",
        "email": "yy_newmat@example.cn",
        "platform_admin": False,
        "memberships": [("yaoyuan_newmat", "admin")],
    },
    # --- one person acting for two organizations: a firm's R&D manager who also works part-time as a licensed
    #     technology broker for the transfer agency (exercises the "act for which organization" choice).
    {
        "username": "xu_broker",
        "name": "徐佳敏",
        "email": "xu_broker@example.cn",
        "platform_admin": False,
        "memberships": [("lanhe_elec", "member"), ("zhiqiao_tt", "member")],
    },
]

KINDS = ("enterprise", "institute", "service_provider", "authority")
CREDIT_PREFIXES = ("11", "12", "52", "91")
REGIONS = (
    "330281", "330203", "330205", "330206", "330211", "330212", "330282", "330100", "310000", "320500", "340100",
)  # fmt: skip
INDUSTRY_CHAINS = (
    "new_materials",
    "optoelectronics",
    "nev_parts",
    "robotics",
    "home_appliances",
    "molds",
    "rubber_plastics",
)
TECH_FIELDS = (
    "electronic_information",
    "biomedicine",
    "aerospace",
    "new_materials",
    "high_tech_services",
    "new_energy",
    "resources_environment",
    "advanced_manufacturing",
)
ROLES = ("admin", "member")


if __name__ == "__main__":
    import re
    from collections import Counter

    org_fields = {
        "key", "kind", "name", "name_en", "credit_prefix", "region", "verified", "description", "expertise",
        "industry_chains", "tech_fields", "contact_name", "contact_phone", "contact_email", "website", "address",
    }  # fmt: skip
    keys = [o["key"] for o in ORGANIZATIONS]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    names = [o["name"] for o in ORGANIZATIONS]
    assert len(names) == len(set(names)), "duplicate organization names"
    by_key = {o["key"]: o for o in ORGANIZATIONS}
    for o in ORGANIZATIONS:
        k = o["key"]
        assert set(o) == org_fields, (k, set(o) ^ org_fields)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", k), k
        assert o["kind"] in KINDS, (k, o["kind"])
        assert o["credit_prefix"] in CREDIT_PREFIXES, (k, o["credit_prefix"])
        assert o["region"] in REGIONS, (k, o["region"])
        assert isinstance(o["verified"], bool), k
        assert 80 <= len(o["description"]) <= 200, (k, len(o["description"]))
        assert 4 <= len(o["expertise"]) <= 8, (k, len(o["expertise"]))
        assert len(set(o["expertise"])) == len(o["expertise"]), k
        assert o["industry_chains"] and set(o["industry_chains"]) <= set(INDUSTRY_CHAINS), (k, o["industry_chains"])
        assert o["tech_fields"] and set(o["tech_fields"]) <= set(TECH_FIELDS), (k, o["tech_fields"])
        assert re.fullmatch(r"0\d{2,3}-\d{8}", o["contact_phone"]), (k, o["contact_phone"])
        assert re.fullmatch(r"[\w.]+@[\w.-]+\.cn", o["contact_email"]), (k, o["contact_email"])
        assert o["website"] == "" or o["website"].startswith("https://"), k
        assert o["contact_name"] and o["address"] and o["name_en"], k
        if o["kind"] == "enterprise":
            assert o["credit_prefix"] == "91", k
    assert by_key["yykjj"]["kind"] == "authority" and by_key["yykjj"]["credit_prefix"] == "11"
    assert by_key["market_ops"]["kind"] == "service_provider" and by_key["market_ops"]["credit_prefix"] == "12"
    assert sum(not o["verified"] for o in ORGANIZATIONS) == 1, "exactly one unverified organization"

    usernames = [u["username"] for u in USERS]
    assert len(usernames) == len(set(usernames)), [u for u, n in Counter(usernames).items() if n > 1]
    emails = [u["email"] for u in USERS]
    assert len(emails) == len(set(emails)), "duplicate user e-mails"
    admins_of = {k: [] for k in keys}
    members_of = {k: [] for k in keys}
    for u in USERS:
        assert set(u) == {"username", "name", "email", "platform_admin", "memberships"}, u["username"]
        assert re.fullmatch(r"[a-z][a-z0-9_]*", u["username"]), u["username"]
        assert isinstance(u["platform_admin"], bool), u["username"]
        mkeys = [m[0] for m in u["memberships"]]
        assert len(mkeys) == len(set(mkeys)), ("duplicate membership", u["username"])
        for org_key, role in u["memberships"]:
            assert org_key in by_key, (u["username"], org_key)
            assert role in ROLES, (u["username"], role)
            (admins_of if role == "admin" else members_of)[org_key].append(u["username"])
    missing = [k for k, admins in admins_of.items() if not admins]
    assert not missing, f"organizations without an admin user: {missing}"
    assert {"admin", "reviewer"} <= {u["username"] for u in USERS if u["platform_admin"]}
    assert admins_of["yykjj"] == ["kjj"]
    multi = [u["username"] for u in USERS if len({by_key[k]["kind"] for k, _ in u["memberships"]}) >= 2]
    assert multi, "need a user in a firm and a service provider"
    for kind in ("institute", "enterprise"):
        with_extra = [k for k, o in by_key.items() if o["kind"] == kind and members_of[k]]
        assert len(with_extra) >= 2, (kind, with_extra)

    kinds = Counter(o["kind"] for o in ORGANIZATIONS)
    print(f"organizations: {len(ORGANIZATIONS)} " + ", ".join(f"{k}={kinds[k]}" for k in KINDS))
    print(f"users: {len(USERS)} (platform admins: {sum(u['platform_admin'] for u in USERS)})")
    print(f"memberships: {sum(len(u['memberships']) for u in USERS)}; multi-organization users: {', '.join(multi)}")
    print("ok")
