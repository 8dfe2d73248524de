"""Demo technical demands (企业出题) of the 余姚科技大市场, with the institutes' proposals (院所解题) and evaluations.

Plain Python data, no Django imports. A seeder reads ``DEMANDS`` and creates or updates one ``Demand`` per entry,
finding it by ``key`` (a unique slug), then its proposals (by demand and ``institute``) and, for solved demands, the
firm's evaluation (市场阅题). ``firm`` is an enterprise ``key`` of ``marketplace/demo/participants.py``; a proposal's
``institute`` is the key of an institute or service provider. ``deadline_days`` counts from the seeding date.

``risk_class`` follows clause 11 of the city's policy (green 自主掌握, yellow 有望进口替代, red 断供断链风险).
Budgets and bounties are decimal strings in yuan; ``budget_min``/``budget_max`` both ``None`` means 面议. Challenges
(揭榜挂帅) carry a bounty and IP terms; anonymous demands hide the firm from everyone but administrators, so their
text never names the firm. The unverified firm (yaoyuan_newmat) only has demands that are not yet public.

Every firm, problem, figure and budget here is invented for demonstration. tests/test_demo_data.py checks the data.
"""

DEMANDS = [
    # ================================================================== 澜禾电器 — 空气炸锅、电热水壶
    {
        "key": "lanhe_voice_control",
        "firm": "lanhe_elec",
        "title": "高端空气炸锅离线语音控制功能开发",
        "problem": (
            "我司高端空气炸锅计划增加离线语音控制，支持“开始烘烤”“温度调到200度”等约40条中英文命令。"
            "前期试用两家方案商的通用语音模组，在热风电机和排风扇工作时（机身附近噪声约62 dB）唤醒率不足80%，"
            "对带口音的普通话和英语识别较差，模组单价18元也超出成本目标。需要能在整机噪声下稳定唤醒、"
            "支持中英双语、可通过串口与现有主控MCU通信的离线语音方案，并协助优化麦克风开孔等整机声学结构。"
        ),
        "target_indicators": (
            "整机运行状态下3 m处唤醒率≥95%，误唤醒≤1次/48 h；40条命令词识别率≥92%（中英文）；"
            "响应时间≤1 s；模组BOM成本≤10元；通过-10~60 ℃环境测试及整机EMC测试。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "electronic_information",
        "risk_class": "green",
        "cooperation_mode": "joint_development",
        "budget_min": "150000.00",
        "budget_max": "300000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "shunan_ai",
                "approach": (
                    "基于我院已量产的离线语音模组，针对空气炸锅风机噪声采集500小时噪声数据做定向训练，"
                    "采用双麦克风波束形成抑制风机噪声；中英双语命令词与唤醒词定制，串口协议按贵司MCU适配，"
                    "并在人工头语音测试系统中完成唤醒率与识别率验证。"
                ),
                "budget": "220000.00",
                "duration_days": 90,
                "team": "负责人：任思远（研究员，语音识别方向）；算法工程师2名、嵌入式工程师1名、声学测试工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "lanhe_temp_control",
        "firm": "lanhe_elec",
        "title": "空气炸锅腔体温控精度与温场均匀性提升",
        "problem": (
            "现有空气炸锅采用NTC加机械温控器双重控制，设定200 ℃时腔体实际温度波动达±12 ℃，"
            "欧洲客户反馈薯条上色不均、局部焦糊。我们尝试过调整PID参数和更换NTC位置，效果有限，"
            "且不同批次发热管功率偏差导致整机温度一致性差。希望合作方从温度采样位置、控制算法和风道温场"
            "三方面提出方案，在硬件成本基本不变的条件下实现精确控温。"
        ),
        "target_indicators": (
            "设定80~200 ℃范围内稳态腔体温度波动≤±3 ℃；炸篮中心与边缘温差≤8 ℃；升温至180 ℃时间≤4 min；"
            "单机BOM成本增加≤2元；提供可量产的控制程序与测试报告。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "80000.00",
        "budget_max": "150000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "建立发热管-风机-腔体的热模型并做温场仿真，重新选择NTC位置；采用前馈加模糊PID控温，"
                    "通过风机转速与发热管功率协同调节降低超调，并对发热管功率偏差做上电自学习补偿。"
                ),
                "budget": "120000.00",
                "duration_days": 75,
                "team": "负责人：何嘉懿（副研究员，电力电子方向）；控制算法工程师1名、热仿真工程师1名、测试工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "lanhe_standby_emc",
        "firm": "lanhe_elec",
        "title": "出口小家电待机功耗与EMC同步达标整改",
        "problem": (
            "欧盟新版生态设计法规收紧了小家电待机功耗要求，我司电热水壶和多功能料理锅的开关电源待机功耗为"
            "0.45~0.6 W；改进电源后传导骚扰在150~500 kHz频段余量又不足3 dB。公司硬件团队只有3人，"
            "缺乏开关电源优化和EMC整改经验，每次送第三方实验室整改往返耗时两周以上。"
            "需要外部机构提供电源方案优化与EMC预测试、整改一站式支持。"
        ),
        "target_indicators": (
            "待机功耗≤0.3 W（联网待机≤2 W）；传导骚扰满足EN 55014-1且余量≥6 dB；"
            "整改后BOM成本增加≤1.5元/台；8周内完成3个型号整改并出具预测试报告。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "high_tech_services",
        "risk_class": "green",
        "cooperation_mode": "consulting",
        "budget_min": "50000.00",
        "budget_max": "100000.00",
        "deadline_days": 60,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "hengzhun_test",
                "approach": (
                    "在3米法暗室对3个型号做EMC摸底和近场扫描定位，结合整改方案库调整共模电感和Y电容；"
                    "待机功耗部分更换低待机电源芯片并优化假负载，整改后出具CE预测试报告。"
                ),
                "budget": "68000.00",
                "duration_days": 45,
                "team": "负责人：胡晓东（EMC高级工程师）；EMC测试工程师2名、电源设计工程师1名",
                "status": "shortlisted",
            },
            {
                "institute": "unnc_elec",
                "approach": (
                    "重新设计反激电源的轻载控制模式与变压器参数，采用频率抖动降低传导骚扰峰值，"
                    "提供电源原理图和PCB布局修改建议，EMC测试委托第三方完成。"
                ),
                "budget": "90000.00",
                "duration_days": 60,
                "team": "负责人：沈浩（讲师，开关电源方向）；硕士研究生3名、硬件工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "lanhe_pfas_free_coating",
        "firm": "lanhe_elec",
        "title": "空气炸锅炸篮无PFAS耐用不粘涂层替代",
        "problem": (
            "欧盟拟全面限制PFAS物质，欧洲大客户要求2026年起空气炸锅炸篮和内锅停止使用PTFE类涂层。"
            "我们试用了两款国产溶胶-凝胶陶瓷涂层，初始不粘性尚可，但经过200次煎蛋试验和洗碗机清洗后"
            "不粘性明显衰减，在铝基材上还出现微裂纹；进口同类涂层价格高、交期长达10周。"
            "希望与材料院所合作开发或引进耐用的无氟不粘涂层及配套喷涂固化工艺。"
        ),
        "target_indicators": (
            "不含PFAS（总氟≤50 mg/kg）；初始不粘等级1级，经2000次耐磨和500次洗碗机循环后仍达2级以上；"
            "耐温≥260 ℃；附着力划格0级；涂层成本不高于进口陶瓷涂层的70%。"
        ),
        "industry_chain": "new_materials",
        "tech_field": "new_materials",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 180,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "以改性硅树脂为基体复配疏油纳米填料开发无氟不粘涂层，通过DSC和红外表征优化固化制度；"
                    "借助扫描电镜分析现有陶瓷涂层微裂纹成因，调整底涂与喷砂工艺以提高附着力和耐磨性。"
                ),
                "budget": "350000.00",
                "duration_days": 180,
                "team": "负责人：徐海峰（研究员，高分子材料方向）；涂料配方工程师2名、测试工程师1名、工艺工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 沐川模具 — 注塑模具
    {
        "key": "muchuan_door_panel_warpage",
        "firm": "muchuan_mold",
        "title": "汽车门板下饰板薄壁注塑件翘曲变形控制",
        "problem": (
            "我司为某合资品牌开发的门板下饰板模具（材料PP+EPDM-T20，长1150 mm，壁厚2.2 mm），"
            "试模时翘曲量达3.8 mm，远超客户1.0 mm的要求。已调整保压压力和模温，翘曲仅降至3.1 mm，"
            "并出现了缩痕；冷却水路受顶出机构限制难以加密。需要合作方做全流程模流分析，找出翘曲主因，"
            "给出浇口、冷却和模具反变形补偿的改模方案，并跟踪试模直至客户认可。"
        ),
        "target_indicators": (
            "成品翘曲≤1.0 mm（检具测量）；成型周期≤55 s（现为62 s）；表面无可见缩痕和熔接痕；"
            "改模次数≤2次；提供模流分析报告与补偿后的型面数据。"
        ),
        "industry_chain": "molds",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "150000.00",
        "budget_max": "300000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "in_cooperation",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "以实测PVT和纤维取向参数建立翘曲仿真模型，区分冷却不均、取向和收缩差三类因素；"
                    "调整热流道进胶顺序与保压曲线，对型面做反变形补偿，并用三维扫描比对试模件迭代修正。"
                ),
                "budget": "220000.00",
                "duration_days": 75,
                "team": "负责人：徐海峰（研究员）；模流分析工程师2名、模具设计工程师1名、三维扫描测量工程师1名",
                "status": "accepted",
            },
            {
                "institute": "nbim",
                "approach": (
                    "在试模注塑机上加装数据采集，对保压、模温和冷却时间做正交试验，"
                    "用产线数据建立工艺参数与翘曲量的回归模型，寻找最优工艺窗口。"
                ),
                "budget": "120000.00",
                "duration_days": 60,
                "team": "负责人：陆振华（高级工程师）；数据分析工程师2名、注塑工艺工程师1名",
                "status": "declined",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "muchuan_conformal_cooling",
        "firm": "muchuan_mold",
        "title": "空调面板模具深腔部位随形冷却镶件应用",
        "problem": (
            "空调室内机面板模具型腔深腔部位冷却困难，成型周期长达48 s，局部热点还造成高光面光泽不均，"
            "客户多次投诉。传统钻孔水路无法贴合曲面，我们曾尝试铍铜镶件，但寿命和环保要求均不满足。"
            "希望引入金属3D打印随形冷却镶件，由合作方完成水路设计、打印、热处理、试模验证的全过程，"
            "并对我司模具设计人员进行随形冷却设计培训。"
        ),
        "target_indicators": (
            "成型周期由48 s缩短至≤35 s；型面温差≤6 ℃；镶件硬度≥HRC48，寿命≥30万模次；"
            "高光面光泽度差≤3 GU；交付设计规范1份并培训设计人员不少于4人。"
        ),
        "industry_chain": "molds",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "200000.00",
        "budget_max": "400000.00",
        "deadline_days": 60,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "solved",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "用模流分析定位热点，拓扑优化设计距型面8~10 mm的随形水路，以SLM打印马氏体时效钢镶件，"
                    "经固溶时效至HRC50以上并做磨粒流抛光；试模时用红外热像仪验证型面温度分布。"
                ),
                "budget": "280000.00",
                "duration_days": 70,
                "team": "负责人：徐海峰（研究员）；模具设计工程师2名、3D打印工艺工程师1名、热处理工程师1名",
                "status": "accepted",
            },
        ],
        "evaluation": {
            "rating": 5,
            "comment": (
                "成型周期降至33 s，光泽不均问题消除，镶件已稳定生产8万模次；"
                "研究院工程师驻厂跟进试模，设计培训实用，我司已自行设计第二套随形冷却镶件。"
            ),
        },
    },
    {
        "key": "muchuan_mold_shop_mes",
        "firm": "muchuan_mold",
        "title": "模具车间项目进度排程与工时管控数字化",
        "problem": (
            "我司同时在制模具30~40套，零件加工涉及CNC、电火花、慢走丝、钳工装配等十多道工序，"
            "目前用Excel排产和纸质流转卡，经常出现零件等待、插单导致交期延误，设计变更后加工任务无法及时同步，"
            "模具准时交付率仅约70%。曾评估过两款通用MES，但不适应模具单件生产的特点。"
            "希望引入适合模具行业的计划排程与车间数字化方案。"
        ),
        "target_indicators": (
            "模具准时交付率≥90%；关键设备利用率提升≥10%；工时统计误差≤5%；"
            "设计变更下达到车间时间≤1 h；系统3个月内上线并支持移动端扫码报工。"
        ),
        "industry_chain": "molds",
        "tech_field": "electronic_information",
        "risk_class": "green",
        "cooperation_mode": "license",
        "budget_min": "200000.00",
        "budget_max": "400000.00",
        "deadline_days": 150,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "nbim",
                "approach": (
                    "以我院模具APS系统为基础，按贵司零件工艺路线建立模板库，实现CNC、放电和慢走丝的有限产能排程；"
                    "加工设备通过边缘网关联网自动采集工时，设计变更经PDM接口同步到车间看板和移动端。"
                ),
                "budget": "320000.00",
                "duration_days": 100,
                "team": "负责人：陆振华（高级工程师）；实施顾问2名、软件开发工程师2名、设备联网工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "muchuan_hot_runner",
        "firm": "muchuan_mold",
        "title": "大型保险杠模具针阀热流道顺序控制国产化",
        "problem": (
            "汽车保险杠模具通常采用6~8点针阀热流道，目前核心喷嘴和顺序阀控制器多选用进口品牌，"
            "单套热流道成本占模具总价25%以上，交期8~10周，售后响应慢。国产热流道在我司试用中出现"
            "喷嘴温差大、阀针漏胶和熔接线位置不稳定等问题。希望与院所合作，评估并改进国产热流道系统"
            "及顺序阀控制策略，形成可推广给客户的国产化方案。"
        ),
        "target_indicators": (
            "喷嘴温度控制精度±1 ℃；连续生产10万模次无漏胶；熔接线位置偏差≤5 mm；"
            "热流道系统成本较进口降低≥35%；交期≤5周。"
        ),
        "industry_chain": "molds",
        "tech_field": "advanced_manufacturing",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 180,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "基于我院针阀热流道顺序控制专利技术，先用模流分析反推各阀针开启时序，"
                    "再对国产喷嘴做温区自整定和阀针行程闭环改造，在保险杠模具上完成10万模次验证。"
                ),
                "budget": "450000.00",
                "duration_days": 150,
                "team": "负责人：冯建国（高级工程师，热流道方向）；模流分析工程师1名、电气工程师1名、试模工程师2名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "muchuan_mirror_steel",
        "firm": "muchuan_mold",
        "title": "镜面模具钢抛光麻点分析与国产钢材替代验证",
        "problem": (
            "我司家电高光外观件模具长期使用进口预硬镜面模具钢，近两年供货周期由4周延长至12周，价格上涨约30%。"
            "试用两种国产同牌号钢材后，镜面抛光时出现针孔和麻点，达不到A1级要求，"
            "怀疑与非金属夹杂物和组织均匀性有关。需要检测机构对比分析进口与国产钢材的夹杂物、硬度均匀性"
            "和微观组织，给出选材与抛光工艺建议。"
        ),
        "target_indicators": (
            "完成3个牌号钢材的非金属夹杂物评级（GB/T 10561）、硬度均匀性和金相对比；给出可用国产钢材清单；"
            "抛光后达到SPI A1/A2级，Ra≤0.012 μm；分析报告4周内完成。"
        ),
        "industry_chain": "molds",
        "tech_field": "new_materials",
        "risk_class": "yellow",
        "cooperation_mode": "consulting",
        "budget_min": "30000.00",
        "budget_max": "80000.00",
        "deadline_days": 45,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yangming",
                "approach": (
                    "用直读光谱复核成分，扫描电镜加能谱统计夹杂物类型与尺寸分布，XRD测定残余奥氏体，"
                    "结合截面硬度梯度和抛光面激光共聚焦形貌分析麻点成因，给出选材判据与抛光工艺建议。"
                ),
                "budget": "56000.00",
                "duration_days": 25,
                "team": "负责人：戚文杰（高级工程师，材料分析方向）；电镜工程师1名、金相分析师1名、光谱分析师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 晶澈光学 — 车载与安防镜头
    {
        "key": "jingche_thermal_defocus",
        "firm": "jingche_optics",
        "title": "800万像素车载前视镜头高低温离焦攻关（揭榜挂帅）",
        "problem": (
            "我司为智能驾驶开发的8MP前视镜头（FOV 120°，F1.6）在-40 ℃和85 ℃下后焦漂移达12~15 μm，"
            "MTF明显下降，未通过主机厂高低温成像测试。目前采用4G2P玻塑混合结构，塑料非球面镜片的热变形"
            "和镜筒材料膨胀是主要因素。内部已尝试更换镜筒材料和调整隔圈，改善有限。"
            "现面向社会张榜，征集无热化光学与结构设计方案，并完成样品验证。"
        ),
        "target_indicators": (
            "-40~105 ℃内后焦漂移≤±4 μm；中心视场MTF@125 lp/mm≥0.40，0.7视场≥0.30；相对照度≥55%；"
            "1000次温度循环后MTF下降≤10%；镜头成本增加≤8%。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "electronic_information",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "800000.00",
        "budget_max": "1500000.00",
        "deadline_days": 200,
        "challenge": True,
        "bounty": "1500000.00",
        "ip_terms": (
            "成果知识产权归发榜企业所有，揭榜方保留署名权和非商业性科研使用权；"
            "赏金按样品高低温验证通过（50%）和量产导入（50%）分两期支付。"
        ),
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "采用光焦度-热光系数匹配的无热化设计，将一片塑料非球面改为模压玻璃非球面，"
                    "镜筒改用低膨胀复合材料并加补偿隔圈；完成公差分析后用主动对准工艺装配，"
                    "在MTF测试平台做-40~105 ℃离焦验证。"
                ),
                "budget": "1300000.00",
                "duration_days": 180,
                "team": "负责人：钱若琳（研究员，光学设计）；光学设计师2名、结构工程师1名、装调与测试工程师各1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "jingche_coating_weathering",
        "firm": "jingche_optics",
        "title": "车载环视镜头外镜片镀膜耐候性提升",
        "problem": (
            "车载环视镜头外镜片的减反+防水膜在客户的盐雾及湿热试验中出现膜层起泡和疏水性衰退，"
            "85 ℃/85%RH 500 h后水接触角由110°降至80°以下。我们的镀膜机为国产箱式蒸发镀膜机，"
            "疏水层采用外购药丸蒸镀，工艺窗口不清楚。需要合作方分析失效原因，优化膜系设计与镀前清洗、"
            "离子源辅助工艺，给出可在我司设备上稳定量产的工艺文件。"
        ),
        "target_indicators": (
            "85 ℃/85%RH 1000 h后接触角≥105°、无起泡脱膜；中性盐雾96 h合格；420~680 nm平均反射率≤0.5%；量产良率≥95%。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "new_materials",
        "risk_class": "yellow",
        "cooperation_mode": "commissioned",
        "budget_min": "200000.00",
        "budget_max": "350000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "对失效样品做截面电镜和膜层应力分析，重新设计减反膜系并在顶层加入致密SiO₂过渡层，"
                    "优化等离子清洗与离子源辅助参数，疏水层改用自配前驱体并增加后固化，在贵司设备上完成工艺转移。"
                ),
                "budget": "280000.00",
                "duration_days": 100,
                "team": "负责人：唐韵（副研究员，光学镀膜方向）；镀膜工艺工程师2名、光谱测试工程师1名",
                "status": "shortlisted",
            },
            {
                "institute": "hengzhun_test",
                "approach": (
                    "按主机厂标准开展湿热、盐雾和温度循环对比试验，统计不同批次膜层的失效时间分布，"
                    "为镀膜工艺改进和供应商质量管控提供可靠的数据支撑。"
                ),
                "budget": "60000.00",
                "duration_days": 60,
                "team": "负责人：胡晓东（高级工程师）；环境试验工程师2名、数据分析员1名",
                "status": "declined",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "jingche_stray_light",
        "firm": "jingche_optics",
        "title": "安防镜头强光场景鬼像与眩光抑制",
        "problem": (
            "我司4K安防镜头在逆光或夜间车灯直射场景下画面出现明显鬼像和眩光斑，海外客户投诉率上升。"
            "我们初步判断与镜片间多次反射及镜筒内壁反光有关，但缺少杂散光仿真软件和测试设备，"
            "只能凭经验涂黑和更换隔圈，反复打样成本高、周期长。需要合作方进行杂散光仿真定位，"
            "提出结构和镀膜整改建议，并提供整改前后对比测试。"
        ),
        "target_indicators": (
            "鬼像亮度相对光源像降低≥80%；面光源杂散光系数≤1.5%；整改后MTF不降低；每只镜头整改成本增加≤1.2元。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "electronic_information",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "60000.00",
        "budget_max": "120000.00",
        "deadline_days": 75,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "实测贵司镜筒与隔圈表面BRDF后建立全系统杂散光模型，筛选能量最高的鬼像路径；"
                    "通过消光螺纹、镜片边缘涂黑和关键面镀膜优化抑制，并做整改前后杂散光对比测试。"
                ),
                "budget": "95000.00",
                "duration_days": 60,
                "team": "负责人：钱若琳（研究员）；光学仿真工程师1名、结构工程师1名、测试工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "jingche_glass_molding_core",
        "firm": "jingche_optics",
        "title": "车载玻璃非球面模压镜片模具型芯国产化",
        "problem": (
            "公司为车载镜头配套的玻璃非球面镜片采用精密模压成型，模压机和碳化钨模具型芯全部依赖进口，"
            "型芯单价高、加工周期3个月以上，近期还出现限制供货的风险。我们尝试委托国内单位加工型芯，"
            "面形精度和类金刚石防粘膜寿命均不达标。希望寻找掌握超精密磨削、面形检测和型芯镀膜技术的团队"
            "联合攻关，保障车载镜头供应链安全。"
        ),
        "target_indicators": (
            "碳化钨型芯面形PV≤0.15 μm，Ra≤5 nm；防粘膜寿命≥3000模次；模压镜片面形PV≤0.3 μm、偏心≤1 μm；"
            "型芯交期≤6周，成本较进口降低≥40%。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "advanced_manufacturing",
        "risk_class": "red",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 240,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": True,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "联合超精密加工合作单位完成碳化钨型芯磨削与抛光，在我院镀膜平台开发类金刚石与贵金属复合防粘膜，"
                    "用激光干涉仪检测面形并按误差做补偿加工，完成3000模次寿命验证。"
                ),
                "budget": "900000.00",
                "duration_days": 210,
                "team": "负责人：钱若琳（研究员）；镀膜工程师2名、精密加工工程师2名、检测工程师1名",
                "status": "submitted",
            },
            {
                "institute": "yangming",
                "approach": (
                    "提供型芯面形与粗糙度的全过程检测服务，用白光干涉和子孔径拼接测量面形误差，"
                    "用扫描电镜分析防粘膜失效形貌，为型芯加工与镀膜工艺迭代提供数据。"
                ),
                "budget": "150000.00",
                "duration_days": 180,
                "team": "负责人：孔雪梅（工程师，光学检测方向）；检测工程师2名、电镜工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 睿感光电 — 光电传感器
    {
        "key": "ruigan_ambient_drift",
        "firm": "ruigan_sensor",
        "title": "光电开关强环境光误触发与温度漂移改善",
        "problem": (
            "我司背景抑制型漫反射光电开关用于包装和物流分拣线，在阳光直射窗口旁或LED高频照明下误触发率较高，"
            "在冷库与夏季车间温差大的场景中检测距离漂移超过10%，客户因此转用进口产品。"
            "目前采用调制红光与简单数字滤波，已尝试增加遮光罩和调整增益，未根本解决。"
            "希望合作改进光学结构和信号处理算法，使产品达到进口同档产品水平。"
        ),
        "target_indicators": (
            "100 klx太阳光及20 kHz LED照明干扰下无误触发；-25~55 ℃检测距离漂移≤3%；"
            "黑白目标检测距离差≤10%；响应时间≤0.5 ms；单机BOM成本增加≤3元。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "electronic_information",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "150000.00",
        "budget_max": "300000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "采用伪随机编码调制与同步解调抑制环境光和LED干扰，接收端加窄带滤光片；"
                    "对发射LED与接收PSD做温度建模并在MCU中查表补偿，用高低温箱完成漂移验证。"
                ),
                "budget": "240000.00",
                "duration_days": 120,
                "team": "负责人：邹凯（副研究员，光电传感方向）；电路工程师1名、算法工程师1名、光学工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "ruigan_tof_module",
        "firm": "ruigan_sensor",
        "title": "TOF激光测距模组核心器件国产化（揭榜挂帅）",
        "problem": (
            "我司激光测距传感器采用进口SPAD接收芯片和TDC计时芯片，2023年以来多次被延期交付甚至限量供应，"
            "已影响订单交付。为摆脱断供风险，公司计划开发基于国产SPAD阵列或APD加国产TDC的TOF测距模组，"
            "但缺少高速模拟前端和直方图算法的积累。现发布揭榜任务，征集能在一年内完成国产化模组设计"
            "与样机验证的团队。"
        ),
        "target_indicators": (
            "量程0.05~30 m（10%反射率），重复精度±2 mm（1σ）；100 klx环境光下正常工作；测量频率≥1 kHz；"
            "核心芯片全部采用国产器件；模组成本≤进口方案的80%。"
        ),
        "industry_chain": "optoelectronics",
        "tech_field": "electronic_information",
        "risk_class": "red",
        "cooperation_mode": "joint_development",
        "budget_min": "1000000.00",
        "budget_max": "2000000.00",
        "deadline_days": 240,
        "challenge": True,
        "bounty": "2000000.00",
        "ip_terms": (
            "联合开发形成的专利由双方共有，发榜企业享有独占实施权；揭榜方可将非核心算法用于非竞争领域，"
            "背景知识产权归原权利人所有。"
        ),
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_oe_inst",
                "approach": (
                    "基于我院强环境光TOF信号处理技术，采用国产SPAD阵列与国产TDC，设计温度自适应偏置前端，"
                    "用多脉冲直方图累积与多目标分离算法提高信噪比，同轴收发光学由我院设计并完成样机标定。"
                ),
                "budget": "1800000.00",
                "duration_days": 330,
                "team": "负责人：邹凯（副研究员）；模拟电路工程师2名、FPGA工程师1名、算法工程师2名、光学工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "ruigan_light_curtain_safety",
        "firm": "ruigan_sensor",
        "title": "安全光幕功能安全设计改进与认证预评估",
        "problem": (
            "客户要求我司安全光幕达到IEC 61496 Type 4和ISO 13849 PLe等级，我们现有产品只做过出厂性能测试，"
            "缺乏功能安全设计文档、FMEDA分析和诊断覆盖率计算经验，电磁兼容抗扰度也未系统验证。"
            "希望找到熟悉功能安全和EMC的服务机构，提供差距分析、设计改进建议和送检前的预测试，"
            "帮助产品尽快取得认证进入欧洲市场。"
        ),
        "target_indicators": (
            "完成差距分析与FMEDA报告；诊断覆盖率DC≥99%；通过IEC 61496-1规定的EMC抗扰度预测试；6个月内具备正式送检条件。"
        ),
        "industry_chain": "robotics",
        "tech_field": "high_tech_services",
        "risk_class": "green",
        "cooperation_mode": "consulting",
        "budget_min": "80000.00",
        "budget_max": "150000.00",
        "deadline_days": 150,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "hengzhun_test",
                "approach": (
                    "对照IEC 61496和ISO 13849逐条做差距分析，协助完成FMEDA和诊断覆盖率计算，"
                    "在电波暗室开展静电、浪涌、射频辐射抗扰度预测试并给出整改建议。"
                ),
                "budget": "120000.00",
                "duration_days": 120,
                "team": "负责人：胡晓东（高级工程师）；功能安全工程师1名、EMC工程师2名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 恒韧橡塑 — 橡胶密封与减震件
    {
        "key": "hengren_battery_seal",
        "firm": "hengren_rubber",
        "title": "电池包密封条压缩永久变形与阻燃性能同步提升",
        "problem": (
            "我司为新能源汽车电池包上盖开发的EPDM密封条，150 ℃×70 h压缩永久变形为32%，客户要求≤20%；"
            "加入无卤阻燃剂后压缩永久变形进一步恶化，拉伸强度也下降。主机厂目前指定进口密封条，"
            "我们希望实现替代。已尝试将硫化体系改为过氧化物，但混炼焦烧和挤出表面粗糙问题突出。"
            "需要院所协助优化配方与硫化工艺，并完成客户认证所需的材料测试。"
        ),
        "target_indicators": (
            "150 ℃×70 h压缩永久变形≤20%；UL94 V-0（3 mm）；耐电解液168 h体积变化≤5%；"
            "-40 ℃低温脆性合格；挤出表面光滑，焦烧时间t10≥3 min（125 ℃）。"
        ),
        "industry_chain": "rubber_plastics",
        "tech_field": "new_materials",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "200000.00",
        "budget_max": "400000.00",
        "deadline_days": 150,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "以我院低压缩永久变形EPDM配方为基础，按贵司挤出线调整生胶门尼与共交联剂用量，"
                    "阻燃剂做表面处理降低对交联的影响，延迟型过氧化物解决焦烧问题，并完成全套认证测试。"
                ),
                "budget": "320000.00",
                "duration_days": 120,
                "team": "负责人：徐海峰（研究员）；橡胶配方工程师2名、混炼工艺工程师1名、测试工程师1名",
                "status": "shortlisted",
            },
            {
                "institute": "zhiqiao_tt",
                "approach": (
                    "开展低压变阻燃EPDM专利导航，检索国内外相关专利约300件，识别侵权风险并提出规避设计建议；"
                    "同时对接可许可的院所专利，协助完成许可谈判与技术合同登记。"
                ),
                "budget": "45000.00",
                "duration_days": 40,
                "team": "负责人：王可欣（技术经纪人）；专利代理师2名、检索分析师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "hengren_fkm_lowtemp",
        "firm": "hengren_rubber",
        "title": "耐低温氟橡胶密封材料国产化替代（揭榜挂帅）",
        "problem": (
            "企业为新能源汽车电驱冷却和电子膨胀阀配套生产氟橡胶O形圈，低温牌号氟橡胶生胶依赖海外少数供应商，"
            "近期交期延长到20周以上并多次调价，存在断供风险。采用国产普通三元氟胶时TR10只能达到-18 ℃，"
            "冬季低温密封失效。现公开张榜，征集基于国产原材料的耐低温氟橡胶配方及混炼、硫化工艺，"
            "并完成小批试制验证。"
        ),
        "target_indicators": (
            "TR10≤-30 ℃；200 ℃×22 h压缩永久变形≤20%；耐冷却液（50%乙二醇）150 ℃×1000 h体积变化≤10%；"
            "主要原材料国产化；成本不高于进口方案；完成2000件小批试制。"
        ),
        "industry_chain": "rubber_plastics",
        "tech_field": "new_materials",
        "risk_class": "red",
        "cooperation_mode": "joint_development",
        "budget_min": "500000.00",
        "budget_max": "1000000.00",
        "deadline_days": 210,
        "challenge": True,
        "bounty": "1000000.00",
        "ip_terms": (
            "配方及工艺知识产权归发榜企业所有，揭榜方保留署名权；揭榜方三年内不得将同类配方许可给发榜企业的竞争对手。"
        ),
        "anonymous": True,
        "status": "open",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "以国产三元氟橡胶与低温改性助剂并用，筛选低温增塑剂与双酚/过氧化物并用硫化体系，"
                    "通过DSC与TR试验优化玻璃化转变，完成耐冷却液长期浸泡验证和小批试制。"
                ),
                "budget": "850000.00",
                "duration_days": 200,
                "team": "负责人：徐海峰（研究员）；氟橡胶配方工程师2名、硫化工艺工程师1名、测试工程师2名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "hengren_damper_ageing",
        "firm": "hengren_rubber",
        "title": "家电减震垫龟裂老化问题攻关",
        "problem": (
            "我司为洗衣机和空调外机配套的减震橡胶垫，客户反馈在华南地区使用两年后出现表面龟裂和硬化，"
            "导致振动噪声增大，被要求限期整改。我们不清楚失效是臭氧、热氧还是油污导致，"
            "也缺乏寿命评估手段，只能凭经验加大防老剂用量。需要合作方分析失效机理、优化配方，"
            "并建立可信的寿命评估方法，以满足客户10年使用寿命要求。"
        ),
        "target_indicators": (
            "臭氧老化（50 pphm、40 ℃、20%伸长、96 h）无龟裂；100 ℃×168 h热老化后硬度变化≤+5 Shore A，"
            "拉伸强度变化率≥-20%；建立寿命预测模型并证明≥10年；配方成本增加≤5%。"
        ),
        "industry_chain": "rubber_plastics",
        "tech_field": "new_materials",
        "risk_class": "green",
        "cooperation_mode": "transfer",
        "budget_min": "100000.00",
        "budget_max": "200000.00",
        "deadline_days": 60,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "solved",
        "proposals": [
            {
                "institute": "yy_polymer",
                "approach": (
                    "用红外光谱和扫描电镜分析失效件，确认以臭氧龟裂为主；转让我院抗臭氧老化配方技术，"
                    "按贵司原料做适配，并用多温度点加速老化建立时温叠加寿命模型。"
                ),
                "budget": "180000.00",
                "duration_days": 90,
                "team": "负责人：徐海峰（研究员）；橡胶配方工程师1名、老化测试工程师1名、失效分析工程师1名",
                "status": "accepted",
            },
        ],
        "evaluation": {
            "rating": 4,
            "comment": (
                "新配方已通过客户臭氧和热老化测试并批量供货，寿命模型为客户审核提供了依据；"
                "小批试制阶段混炼工艺调整比预期多用了约三周。"
            ),
        },
    },
    {
        "key": "hengren_nylon_clip_fracture",
        "firm": "hengren_rubber",
        "title": "改性尼龙卡扣低温装配断裂原因分析",
        "problem": (
            "我司PA66+GF30卡扣用于汽车门板和家电后盖，冬季北方客户装配现场出现断裂，断裂率约0.8%，"
            "客户已开具质量索赔。我们怀疑与材料吸湿状态、熔接痕位置或模具浇口设计有关，"
            "但内部没有断口分析和材料分析手段。希望委托检测机构做失效分析，"
            "并结合模流分析提出材料、调湿工艺与模具结构的改进建议。"
        ),
        "target_indicators": (
            "4周内给出失效分析报告（含断口SEM、DSC、含水率、玻纤含量与长度分布）；"
            "改进后-30 ℃装配断裂率≤0.05%；提出可执行的调湿和模具改进方案。"
        ),
        "industry_chain": "rubber_plastics",
        "tech_field": "new_materials",
        "risk_class": "green",
        "cooperation_mode": "consulting",
        "budget_min": "20000.00",
        "budget_max": "50000.00",
        "deadline_days": 30,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "yangming",
                "approach": (
                    "对断裂件做扫描电镜断口分析和能谱检测，区分脆性断裂起源于熔接痕还是缺口应力集中；"
                    "配合DSC、含水率和灰分测试判断材料状态，3周内出具失效分析报告。"
                ),
                "budget": "32000.00",
                "duration_days": 21,
                "team": "负责人：戚文杰（高级工程师）；电镜工程师1名、高分子分析工程师1名",
                "status": "submitted",
            },
            {
                "institute": "yy_polymer",
                "approach": (
                    "结合模流分析确认熔接痕与卡扣根部的位置关系，提出浇口位置调整和根部圆角加大方案；"
                    "对材料做不同含水率的低温冲击对比试验，给出出厂调湿工艺。"
                ),
                "budget": "45000.00",
                "duration_days": 30,
                "team": "负责人：冯建国（高级工程师）；模流分析工程师1名、材料测试工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 驰澎汽车部件 — 电子水泵与压铸件
    {
        "key": "chipeng_casting_porosity",
        "firm": "chipeng_auto",
        "title": "电子水泵铝合金压铸壳体气孔渗漏治理",
        "problem": (
            "我司电子水泵泵壳采用ADC12压铸，机加工后气密性检测（0.3 MPa）不良率约4%，"
            "泄漏点集中在密封槽和水道交汇处。我们已增加抽真空和调整压射速度，不良率仅降至3.2%。"
            "由于缺乏CT和断口分析手段，无法判断是卷气还是缩松所致，工艺调整只能试错。"
            "需要检测院所做缺陷定位与成因分析，配合优化压铸工艺和模具排气设计。"
        ),
        "target_indicators": (
            "机加工后气密不良率≤0.8%；关键部位孔隙率≤0.5%，最大气孔≤0.4 mm；"
            "提交缺陷成因报告和压铸工艺窗口；3个月内完成不少于3000件的验证批。"
        ),
        "industry_chain": "nev_parts",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "100000.00",
        "budget_max": "200000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "in_cooperation",
        "proposals": [
            {
                "institute": "yangming",
                "approach": (
                    "用工业CT对50件泄漏件做三维孔隙分布统计并由AI判读系统分级，扫描电镜区分卷气与缩松；"
                    "将缺陷位置与压射曲线、模温数据关联，给出排气槽、真空阀和局部挤压销的改进方案并跟踪验证批。"
                ),
                "budget": "160000.00",
                "duration_days": 90,
                "team": "负责人：戚文杰（高级工程师）；CT检测工程师2名、失效分析工程师1名、压铸工艺顾问1名",
                "status": "accepted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "chipeng_pump_motor",
        "firm": "chipeng_auto",
        "title": "800V平台电子水泵电机高效低噪攻关（揭榜挂帅）",
        "problem": (
            "我司正在开发800 V电驱冷却用电子水泵（额定功率400 W），样机电机效率仅81%，"
            "整泵在3000 r/min时噪声达48 dB(A)，主要为电磁噪声和轴承噪声，与国外同类产品存在明显差距；"
            "高压驱动采用国产器件后开关损耗偏高、温升大。现面向社会征集电机电磁优化、低噪声控制"
            "和高压驱动设计的联合攻关团队，共同完成B样开发。"
        ),
        "target_indicators": (
            "电机效率≥88%，驱动效率≥95%；1 m处噪声≤40 dB(A)；适应-40~125 ℃环境温度；"
            "通过ISO 16750电气负荷试验；功率器件全部国产化；年底前完成B样。"
        ),
        "industry_chain": "nev_parts",
        "tech_field": "new_energy",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "600000.00",
        "budget_max": "1200000.00",
        "deadline_days": 180,
        "challenge": True,
        "bounty": "1200000.00",
        "ip_terms": (
            "样机设计图纸与软件著作权归发榜企业所有；揭榜方已有的背景知识产权以非独占许可方式授予发榜企业使用，"
            "双方另行签订技术开发合同。"
        ),
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "沿用我院屏蔽式电子水泵电机平台，重新做极槽配合与分段斜极优化降低电磁噪声；"
                    "驱动采用国产SiC MOSFET与优化的无感FOC，在电驱对拖台和半消声室完成效率MAP与噪声验证。"
                ),
                "budget": "1100000.00",
                "duration_days": 180,
                "team": "负责人：何嘉懿（副研究员）；电机设计工程师2名、电力电子工程师2名、NVH工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "chipeng_sic_controller",
        "firm": "chipeng_auto",
        "title": "热管理高压控制器功率器件与驱动芯片国产替代",
        "problem": (
            "企业热管理产品（电子水泵、油泵、风扇控制器）的高压版本使用进口SiC MOSFET和隔离栅极驱动芯片，"
            "供货周期不稳定且受出口管制影响，已被整车厂列入断供风险清单。我们对国产SiC器件的开关特性、"
            "短路耐受和长期可靠性缺乏评估能力，需要合作方完成器件选型评估、驱动电路重新设计"
            "及可靠性验证，尽快形成可切换的国产化方案。"
        ),
        "target_indicators": (
            "完成至少3家国产SiC MOSFET双脉冲与短路测试对比；控制器效率≥97%；"
            "通过1000次功率循环和HTRB 1000 h；功率器件与驱动芯片100%国产；验证周期≤8个月。"
        ),
        "industry_chain": "nev_parts",
        "tech_field": "new_energy",
        "risk_class": "red",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 210,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": True,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "在双脉冲测试系统上对3~4家国产SiC MOSFET做常温和175 ℃动态参数及短路测试，"
                    "据此重新设计带有源钳位的隔离驱动，并组织功率循环和HTRB可靠性试验。"
                ),
                "budget": "600000.00",
                "duration_days": 210,
                "team": "负责人：何嘉懿（副研究员）；功率器件测试工程师2名、驱动电路工程师1名、可靠性工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "chipeng_robot_deburring",
        "firm": "chipeng_auto",
        "title": "压铸壳体机器人自动去毛刺打磨工作站",
        "problem": (
            "泵壳和阀体压铸件的分型面飞边和浇口残余目前由12名工人手工打磨，粉尘大、招工难，质量一致性差。"
            "曾引入普通机器人打磨，但因铸件尺寸偏差±0.5 mm导致过磨或漏磨，项目搁置。"
            "希望合作开发带力控和视觉定位的自动去毛刺工作站，适应多品种小批量切换生产，"
            "并配套除尘和安全防护设计。"
        ),
        "target_indicators": (
            "去毛刺合格率≥99%；单件节拍≤45 s；换型时间≤15 min；替代人工≥8人；打磨后飞边残留≤0.1 mm；投资回收期≤2年。"
        ),
        "industry_chain": "robotics",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 150,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "zju_robot",
                "approach": (
                    "采用我院恒力浮动打磨头与力位混合控制，配合3D视觉扫描铸件轮廓在线修正打磨轨迹，"
                    "建立泵壳和阀体的打磨工艺库，实现一键换型；工作站集成除尘和安全光幕。"
                ),
                "budget": "580000.00",
                "duration_days": 150,
                "team": "负责人：章立辰（研究员，力控方向）；机器人工程师2名、视觉工程师1名、机械设计工程师1名",
                "status": "shortlisted",
            },
            {
                "institute": "shunan_ai",
                "approach": (
                    "提供3D视觉定位与飞边识别模块，基于点云比对CAD模型提取飞边位置并生成打磨路径，"
                    "可与贵司选定的机器人集成商配合实施，并提供视觉系统的安装调试与培训。"
                ),
                "budget": "180000.00",
                "duration_days": 90,
                "team": "负责人：任思远（研究员）；视觉算法工程师2名、应用工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 擎科智能装备 — 机械手与自动化
    {
        "key": "qingke_gantry_vibration",
        "firm": "qingke_equip",
        "title": "注塑取件桁架机械手高速运动末端振动抑制",
        "problem": (
            "我司注塑取件桁架机械手在横行速度提升到3 m/s后，停止时末端抖动明显，"
            "需等待0.4~0.6 s稳定后才能放件，限制了节拍提升。我们已通过加强横梁刚度和调整伺服增益改善，"
            "但效果不足且增加了材料成本。希望合作方提供可嵌入我司现有ARM+FPGA运动控制器的"
            "振动抑制与轨迹规划算法，并协助完成批量机型的参数整定。"
        ),
        "target_indicators": (
            "停止后末端残余振幅≤0.1 mm，稳定时间≤0.15 s；整机节拍提升≥15%；算法可在现有控制器上运行；不增加硬件成本。"
        ),
        "industry_chain": "robotics",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "license",
        "budget_min": "100000.00",
        "budget_max": "250000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "zju_robot",
                "approach": (
                    "许可我院振动抑制算法包，在贵司控制器上移植在线频率辨识与输入整形模块，"
                    "结合S曲线轨迹规划；用激光跟踪仪测量末端振动完成不同负载下的参数整定。"
                ),
                "budget": "200000.00",
                "duration_days": 60,
                "team": "负责人：郑浩然（工程师，运动控制方向）；控制算法工程师1名、嵌入式工程师1名、测试工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "qingke_vision_loading",
        "firm": "qingke_equip",
        "title": "六轴上下料工作站3D视觉无序抓取",
        "problem": (
            "我司计划推出面向CNC和冲压的六轴机器人上下料工作站，工件为散乱堆放的五金件和注塑件，"
            "品种多、换型频繁。目前采用二维相机加定位工装的方案，需要工人预先摆料，无法满足客户无人化要求。"
            "希望引进成熟的3D视觉无序抓取技术并适配我司所用的国产机器人，"
            "由合作方提供软件许可、技术培训和首批项目的现场支持。"
        ),
        "target_indicators": (
            "支持≥20种工件，新工件注册≤30 min；抓取成功率≥99%，节拍≤8 s/件；定位精度±0.5 mm；"
            "料框清空率≥98%；软件许可成本≤2万元/套。"
        ),
        "industry_chain": "robotics",
        "tech_field": "electronic_information",
        "risk_class": "green",
        "cooperation_mode": "license",
        "budget_min": "200000.00",
        "budget_max": "400000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "shunan_ai",
                "approach": (
                    "许可我院3D视觉无序抓取系统，按贵司机器人通讯协议完成适配；对20种典型工件做模板注册，"
                    "提供手眼标定工具和夹具碰撞检测，首批3个项目派工程师现场调试。"
                ),
                "budget": "300000.00",
                "duration_days": 90,
                "team": "负责人：任思远（研究员）；3D视觉工程师2名、机器人应用工程师1名",
                "status": "shortlisted",
            },
            {
                "institute": "zju_robot",
                "approach": (
                    "联合开发抓取规划与防碰撞模块，与第三方3D相机配套，重点解决深料框边角工件的抓取姿态规划，"
                    "并提供机器人运动学标定以提高抓取定位精度。"
                ),
                "budget": "350000.00",
                "duration_days": 120,
                "team": "负责人：章立辰（研究员）；运动规划工程师2名、视觉工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "qingke_harmonic_reducer",
        "firm": "qingke_equip",
        "title": "精密谐波减速器寿命与精度保持性提升（揭榜挂帅）",
        "problem": (
            "我司六轴机器人研发中采用国产谐波减速器，台架测试2000小时后传动回差由20″增大到60″以上，"
            "客户要求的6000小时寿命无法保证，目前只能在关键轴采用进口产品，成本高出一倍且交期长。"
            "现发榜征集在柔轮齿形、材料热处理和润滑方面的联合攻关团队，"
            "并共同建立寿命试验与评价方法。"
        ),
        "target_indicators": (
            "额定扭矩下6000 h寿命试验后传动回差≤30″，传动精度≤1′；效率≥75%；温升≤40 K；"
            "成本不超过进口同规格产品的60%；建立加速寿命试验规范。"
        ),
        "industry_chain": "robotics",
        "tech_field": "advanced_manufacturing",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "500000.00",
        "budget_max": "1000000.00",
        "deadline_days": 240,
        "challenge": True,
        "bounty": "800000.00",
        "ip_terms": (
            "攻关形成的齿形与工艺专利由双方共同申请，发榜企业在机器人领域享有免费实施权；"
            "揭榜方保留署名权及在其他领域的许可权。"
        ),
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "zju_robot",
                "approach": (
                    "采用双圆弧修形齿廓减小啮合磨损，柔轮改进调质与喷丸强化工艺，选用低温长寿命润滑脂；"
                    "搭建加速寿命台架，以回差和传动误差监测建立寿命评价方法。"
                ),
                "budget": "780000.00",
                "duration_days": 240,
                "team": "负责人：章立辰（研究员）；减速器设计工程师2名、材料工程师1名、试验工程师2名",
                "status": "shortlisted",
            },
            {
                "institute": "yangming",
                "approach": (
                    "对寿命试验后的柔轮和刚轮做磨损形貌、残余应力和金相组织分析，定位回差增大的主导机理，"
                    "为齿形设计和热处理工艺改进提供检测数据与判据。"
                ),
                "budget": "120000.00",
                "duration_days": 120,
                "team": "负责人：戚文杰（高级工程师）；电镜工程师1名、XRD分析工程师1名、金相分析师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "qingke_robot_controller",
        "firm": "qingke_equip",
        "title": "六轴机器人控制器与伺服驱动自主可控开发",
        "problem": (
            "企业现有六轴上下料机器人采用进口控制器及配套伺服，单套成本约占整机35%，"
            "并受海外供应商授权限制，无法向终端客户开放二次开发接口。近期供应商调价且交期拉长至半年，"
            "存在断供风险。希望寻找掌握机器人运动控制、动力学前馈和EtherCAT总线技术的团队，"
            "合作开发自主可控的控制器。"
        ),
        "target_indicators": (
            "支持6+2轴EtherCAT控制，插补周期≤1 ms；重复定位精度±0.03 mm（6 kg负载）；"
            "兼容国产伺服≥3个品牌；提供二次开发SDK；成本较进口降低≥40%。"
        ),
        "industry_chain": "robotics",
        "tech_field": "advanced_manufacturing",
        "risk_class": "red",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 240,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": True,
        "status": "open",
        "proposals": [
            {
                "institute": "zju_robot",
                "approach": (
                    "基于我院多轴运动控制平台开发EtherCAT主站控制器，加入动力学前馈与振动抑制，"
                    "适配3个国产伺服品牌，提供示教器软件和二次开发SDK，用激光跟踪仪验证精度。"
                ),
                "budget": "1200000.00",
                "duration_days": 240,
                "team": "负责人：章立辰（研究员）；运动控制工程师3名、嵌入式工程师2名、测试工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 鸿渡微电机 — 家电与汽车微电机
    {
        "key": "hongdu_vacuum_bldc",
        "firm": "hongdu_motor",
        "title": "吸尘器高速无刷电机及驱动自主开发（揭榜挂帅）",
        "problem": (
            "受能效新标准和客户升级需求影响，我司需要将吸尘器串激电机替换为10万转以上的高速无刷电机。"
            "目前高速转子动平衡、轴承寿命和无感启动技术掌握不足，样机在10万转时效率仅78%，启动失败率约2%；"
            "驱动方案依赖国外芯片原厂的参考设计。现发榜征集高速无刷电机电磁、结构和驱动一体化方案，"
            "共同完成量产导入。"
        ),
        "target_indicators": (
            "额定转速≥110000 r/min，输入功率450 W时电机效率≥85%；-10~40 ℃启动成功率100%；"
            "轴承寿命≥600 h；1 m处噪声≤72 dB(A)；电机加驱动成本≤85元。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "advanced_manufacturing",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "400000.00",
        "budget_max": "800000.00",
        "deadline_days": 180,
        "challenge": True,
        "bounty": "1000000.00",
        "ip_terms": (
            "量产相关的图纸、工艺和驱动软件归发榜企业所有；揭榜方背景专利以普通许可方式授予发榜企业，"
            "许可费已含在赏金内。"
        ),
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "基于我院家电高速无刷电机平台，优化定子低铁损设计与转子护套动平衡工艺，"
                    "驱动采用高频注入加反电势过零混合启动，选用国产驱动芯片，在测功机上完成效率与启动验证。"
                ),
                "budget": "750000.00",
                "duration_days": 180,
                "team": "负责人：何嘉懿（副研究员）；电机设计工程师2名、驱动软件工程师2名、测试工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "hongdu_blender_noise",
        "firm": "hongdu_motor",
        "title": "破壁机串激电机运行噪声降低",
        "problem": (
            "我司破壁机用串激电机在满载30000 r/min时整机噪声达92 dB(A)，客户要求新款静音机型降至80 dB(A)以下。"
            "我们试过增加隔音罩和修改风扇叶片，噪声降低有限且电机温升增大。"
            "公司缺乏噪声源识别和电磁-结构耦合分析能力，希望合作方定位噪声来源，"
            "提出电机本体、换向和风路的改进方案，并完成样机验证。"
        ),
        "target_indicators": (
            "整机噪声≤80 dB(A)（1 m处）；电机温升≤85 K；输出功率不低于现有水平；"
            "单台成本增加≤6元；提供噪声源识别测试报告。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "advanced_manufacturing",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "80000.00",
        "budget_max": "150000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "在半消声室用声学相机和阶次分析定位电磁、换向与风噪贡献，"
                    "通过定子斜槽、碳刷压力与换向角调整降低电磁和换向噪声，风扇与风路按CFD优化。"
                ),
                "budget": "130000.00",
                "duration_days": 80,
                "team": "负责人：林峰（讲师，电机NVH方向）；NVH工程师1名、电机设计工程师1名、研究生2名",
                "status": "submitted",
            },
            {
                "institute": "yy_design",
                "approach": (
                    "重新设计整机外壳与底座的隔声吸声结构，采用双层壳体和迷宫式进出风口，"
                    "提供外观与结构方案及手板验证，并做隔声前后的噪声对比测试。"
                ),
                "budget": "90000.00",
                "duration_days": 60,
                "team": "负责人：邵一鸣（设计总监）；结构设计师2名、工业设计师1名",
                "status": "declined",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "hongdu_low_ree_magnet",
        "firm": "hongdu_motor",
        "title": "微特电机低重稀土磁钢替代方案开发",
        "problem": (
            "企业座椅调节电机和家电直流无刷电机使用含镝钕铁硼磁钢，受稀土价格大幅波动影响，成本难以控制，"
            "客户要求提供低重稀土或无重稀土方案。我们评估过直接用铁氧体替换，但同体积下转矩下降30%以上，"
            "且低温退磁风险大。希望合作开发新型转子结构和磁钢方案，兼顾性能、可靠性与成本，"
            "并配合完成客户DV验证。"
        ),
        "target_indicators": (
            "重稀土用量降低≥70%或完全不用；额定转矩不低于现方案的95%；-40 ℃下3倍过载无不可逆退磁；"
            "电机成本降低≥15%；通过客户DV验证。"
        ),
        "industry_chain": "nev_parts",
        "tech_field": "new_energy",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 200,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": True,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "采用铁氧体辅助同步磁阻转子替代部分钕铁硼，优化多层磁障拓扑与隔磁桥强度，"
                    "做低温抗退磁仿真校核，样机在对拖台上完成效率与过载退磁测试。"
                ),
                "budget": "420000.00",
                "duration_days": 180,
                "team": "负责人：何嘉懿（副研究员）；电机电磁设计工程师2名、结构工程师1名、测试工程师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 澄泓电器 — 个护小家电
    {
        "key": "chenghong_dryer_noise_temp",
        "firm": "chenghong_elec",
        "title": "高速负离子吹风机噪声与出风温度精确控制",
        "problem": (
            "我司正在开发的负离子高速吹风机采用11万转无刷风机，样机最高档噪声达83 dB(A)，高频啸叫明显；"
            "出风温度在55~95 ℃间波动，靠近头发时有烫伤风险。高速风机和驱动芯片目前依赖进口方案。"
            "已尝试更换风机和增加消音棉，效果有限。希望合作方从风道、电机控制和温度闭环算法三方面"
            "给出解决方案，并支持国产化风机验证。"
        ),
        "target_indicators": (
            "最高档1 m处噪声≤76 dB(A)，无明显高频啸叫；恒温档出风温度57±3 ℃；风速≥20 m/s；"
            "整机重量≤350 g；通过IEC 60335-2-23温升测试。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "advanced_manufacturing",
        "risk_class": "yellow",
        "cooperation_mode": "joint_development",
        "budget_min": "150000.00",
        "budget_max": "300000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "unnc_elec",
                "approach": (
                    "用声学相机识别啸叫阶次，调整风机叶片数与定子槽数匹配降低叶频噪声；"
                    "发热丝采用过零调功加NTC前馈的温度闭环，并评估国产高速无刷风机与驱动方案。"
                ),
                "budget": "240000.00",
                "duration_days": 100,
                "team": "负责人：林峰（讲师）；电机控制工程师1名、NVH工程师1名、研究生2名",
                "status": "shortlisted",
            },
            {
                "institute": "yy_design",
                "approach": (
                    "基于CFD优化风道型线与导流叶片，降低气动噪声并提升出风均匀性，"
                    "同步调整握把内部布局以保证重心位置，并用手板做风速分布与噪声对比测试。"
                ),
                "budget": "110000.00",
                "duration_days": 60,
                "team": "负责人：邵一鸣（设计总监）；CFD工程师1名、结构设计师1名",
                "status": "submitted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "chenghong_own_brand_design",
        "firm": "chenghong_elec",
        "title": "自有品牌高速吹风机整机外观与CMF设计",
        "problem": (
            "我司为海外品牌代工多年，计划推出自有品牌高速吹风机进入跨境电商市场，"
            "但缺乏工业设计能力，现有样机外观同质化严重、握持偏重。需要设计机构提供用户研究、外观造型、"
            "CMF和结构可行性设计，保证方案可量产，并协助申请外观设计专利，"
            "为后续品牌推广提供产品视觉素材。"
        ),
        "target_indicators": (
            "提供3套造型方案并深化1套；整机重量≤350 g，重心位于握把内；CMF配色方案≥3套；"
            "结构设计满足模具可制造性；提交外观设计专利申请；设计周期≤90天。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "high_tech_services",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "100000.00",
        "budget_max": "200000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "in_cooperation",
        "proposals": [
            {
                "institute": "yy_design",
                "approach": (
                    "先对欧美与东南亚用户做20人深度访谈和竞品拆解，再输出3套造型方案；"
                    "深化方案结合我院风道一体化设计经验，完成CMF、结构设计和彩色3D打印手板验证。"
                ),
                "budget": "160000.00",
                "duration_days": 85,
                "team": "负责人：邵一鸣（设计总监）；工业设计师2名、CMF设计师1名、结构工程师1名、用户研究员1名",
                "status": "accepted",
            },
        ],
        "evaluation": None,
    },
    {
        "key": "chenghong_bldc_emc",
        "firm": "chenghong_elec",
        "title": "个护电器无刷电机驱动板EMC整改",
        "problem": (
            "我司卷发棒和剃须刀使用的无刷电机驱动板在出口CE认证中辐射骚扰30~80 MHz超标5~8 dB，"
            "传导骚扰余量也不足。以往整改依赖认证机构反复送测，周期长、费用高，影响新品上市。"
            "希望检测机构提供预测试和整改方案，并协助我司建立设计阶段的EMC设计规范，"
            "减少后续型号的返工。"
        ),
        "target_indicators": (
            "辐射与传导骚扰满足EN 55014-1，余量≥4 dB；ESD ±8 kV接触放电通过；"
            "整改成本≤1元/台；3周内完成2个型号整改并形成设计规范。"
        ),
        "industry_chain": "home_appliances",
        "tech_field": "high_tech_services",
        "risk_class": "green",
        "cooperation_mode": "consulting",
        "budget_min": "30000.00",
        "budget_max": "60000.00",
        "deadline_days": 45,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "open",
        "proposals": [
            {
                "institute": "hengzhun_test",
                "approach": (
                    "在电波暗室做摸底测试后用近场探头定位驱动板辐射源，按整改方案库调整栅极电阻、"
                    "共模电感和电机引线布局；整理两款型号的整改经验形成EMC设计检查表。"
                ),
                "budget": "48000.00",
                "duration_days": 21,
                "team": "负责人：胡晓东（高级工程师）；EMC工程师2名、硬件工程师1名",
                "status": "shortlisted",
            },
        ],
        "evaluation": None,
    },
    # ================================================================== 曜远新材料 — 改性塑料（企业资料待审核）
    {
        "key": "yaoyuan_low_odor_pp",
        "firm": "yaoyuan_newmat",
        "title": "汽车内饰用低气味低散发改性PP专用料开发",
        "problem": (
            "我司新建的双螺杆挤出线计划为汽车内饰件客户供应玻纤增强和滑石粉填充PP，"
            "试制料按VDA 270测得气味等级4.0级、总碳挥发约60 μgC/g，达不到主机厂要求，"
            "客户目前使用进口低散发专用料。我们尝试加入普通吸附剂后力学性能下降明显。"
            "希望与院所合作开发低气味低散发配方与真空脱挥工艺，并协助完成主机厂送样认证。"
        ),
        "target_indicators": (
            "气味等级≤3.0级（VDA 270）；总碳挥发≤20 μgC/g（VDA 277）；甲醛≤0.5 mg/kg；"
            "30%玻纤增强牌号拉伸强度≥90 MPa；成本较进口专用料低15%以上。"
        ),
        "industry_chain": "new_materials",
        "tech_field": "new_materials",
        "risk_class": "yellow",
        "cooperation_mode": "license",
        "budget_min": None,
        "budget_max": None,
        "deadline_days": 150,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "pending_review",
        "proposals": [],
        "evaluation": None,
    },
    {
        "key": "yaoyuan_hffr_pcabs",
        "firm": "yaoyuan_newmat",
        "title": "充电桩外壳用薄壁无卤阻燃PC/ABS配方开发",
        "problem": (
            "我司计划为充电桩和家电电源外壳客户提供无卤阻燃PC/ABS，试制料1.5 mm可达UL94 V-0，"
            "但客户薄壁化后要求1.0 mm V-0，同时缺口冲击强度不低于40 kJ/m²。加大磷系阻燃剂用量后"
            "冲击强度和热变形温度明显下降，湿热老化后还出现析出。希望合作优化阻燃协效体系与挤出工艺，"
            "取得可稳定量产的配方。"
        ),
        "target_indicators": (
            "1.0 mm UL94 V-0；GWIT≥775 ℃；缺口冲击强度≥40 kJ/m²；热变形温度≥92 ℃；"
            "85 ℃/85%RH 500 h后无析出；满足RoHS和REACH要求。"
        ),
        "industry_chain": "new_materials",
        "tech_field": "new_materials",
        "risk_class": "green",
        "cooperation_mode": "transfer",
        "budget_min": "200000.00",
        "budget_max": "500000.00",
        "deadline_days": 120,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "pending_review",
        "proposals": [],
        "evaluation": None,
    },
    {
        "key": "yaoyuan_gf_dispersion",
        "firm": "yaoyuan_newmat",
        "title": "玻纤增强PP玻纤分散与表面浮纤改善",
        "problem": (
            "我司30%玻纤增强PP在客户注塑家电支架和汽车风扇护罩时表面浮纤明显，"
            "断面观察到玻纤成束和分散不均，部分批次拉伸强度波动超过10%。我们怀疑与玻纤浸润剂、"
            "相容剂用量及螺杆组合有关，但缺少系统的试验设计和表征手段。希望合作方协助优化配方与挤出工艺，"
            "改善玻纤分散和制品外观。"
        ),
        "target_indicators": (
            "制品表面无可见浮纤（客户目视标准）；拉伸强度批次波动≤5%；玻纤保留长度≥0.4 mm；"
            "拉伸强度≥85 MPa；配方成本增加≤3%。"
        ),
        "industry_chain": "rubber_plastics",
        "tech_field": "new_materials",
        "risk_class": "green",
        "cooperation_mode": "commissioned",
        "budget_min": "50000.00",
        "budget_max": "120000.00",
        "deadline_days": 90,
        "challenge": False,
        "bounty": None,
        "ip_terms": "",
        "anonymous": False,
        "status": "draft",
        "proposals": [],
        "evaluation": None,
    },
]

INDUSTRY_CHAINS = ("new_materials", "optoelectronics", "nev_parts", "robotics", "home_appliances", "molds",
                   "rubber_plastics")  # fmt: skip
TECH_FIELDS = (
    "electronic_information", "biomedicine", "aerospace", "new_materials", "high_tech_services", "new_energy",
    "resources_environment", "advanced_manufacturing",
)  # fmt: skip
RISK_CLASSES = ("green", "yellow", "red")
COOPERATION_MODES = ("joint_development", "commissioned", "transfer", "license", "consulting")
STATUSES = ("draft", "pending_review", "open", "in_cooperation", "solved")
PROPOSAL_STATUSES = ("submitted", "shortlisted", "accepted", "declined")
