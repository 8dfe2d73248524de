"""Demo transferable research results (科技成果) of the 余姚科技大市场, with their patents and auctions.

Plain Python data, no Django imports. A seeder reads ``RESULTS`` and creates or updates one ``Result`` per entry,
finding it by ``key`` (a unique slug), with its patents (``PatentRecord``) and, where ``auction`` is set, an auction
that opens at seeding time and closes ``days_open`` days later. ``owner`` is an organization ``key`` of
``marketplace/demo/participants.py`` (an institute or a service provider).

``abstract`` is the public, non-confidential summary; ``confidential_details`` is shown only to organizations that
have accepted the listing's confidentiality terms. ``price`` is a decimal string in yuan, or ``None`` for 面议.
``status`` follows the result lifecycle (draft → pending_review → published → transferred).

Patent application numbers follow the Chinese format ``YYYYTNNNNNNN.C``: filing year, type digit (1 invention,
2 utility model, 3 design), a 7-digit serial and a check character; they are built by ``_patent`` so that every
number is valid by construction. Design patents are classified by Locarno, not IPC, so their ``ipc`` list is
empty. Every result, figure, patent number and price here is invented for demonstration; the institutes' real
portfolios differ. tests/test_demo_data.py checks the data.
"""

_PATENT_TYPES = {1: "invention", 2: "utility_model", 3: "design"}
_CHECK_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _patent(year, type_digit, serial):
    """The full application number for filing ``year``, type digit (1/2/3) and 7-digit ``serial``, with check."""
    digits = f"{year}{type_digit}{serial}"
    assert len(digits) == 12 and digits.isdigit(), digits
    check = sum(int(d) * w for d, w in zip(digits, _CHECK_WEIGHTS, strict=True)) % 11
    return f"{digits}.{'X' if check == 10 else check}"


def _ip(year, type_digit, serial, legal_status, *ipc):
    """One patent record: number, type matching the type digit, legal status and IPC codes."""
    return {
        "number": _patent(year, type_digit, serial),
        "type": _PATENT_TYPES[type_digit],
        "legal_status": legal_status,
        "ipc": list(ipc),
    }


RESULTS = [
    # ================================================================== 浙江大学机器人研究院 — 关节、运动控制、力控
    {
        "key": "zr_harmonic_joint",
        "owner": "zju_robot",
        "title": "协作机器人轻量化谐波减速一体化关节模组",
        "abstract": (
            "将无框力矩电机、短筒谐波减速器、双编码器、失电制动器和驱动器集成于一体的协作机器人关节，"
            "覆盖14、17、20、25四种规格。25型关节额定输出扭矩51 N·m、峰值120 N·m，重量1.6 kg，"
            "输出端重复定位精度±10″，传动回差≤20″，8000小时加速寿命试验后精度保持率90%以上，"
            "已在两款6 kg负载协作臂上小批量应用。"
        ),
        "confidential_details": (
            "柔轮双圆弧修形齿廓参数与齿廓偏移量表、柔轮40CrNiMoA调质与喷丸强化工艺窗口、"
            "双编码器融合的柔性变形误差补偿算法源代码，以及关节装配预紧工装图纸。"
        ),
        "keywords": ["谐波减速器", "关节模组", "协作机器人", "无框力矩电机", "双编码器", "传动回差"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["robotics"],
        "trl": 7,
        "transfer_modes": ["license", "co_development"],
        "price": "1200000.00",
        "status": "published",
        "patents": [
            _ip("2020", 1, "0871326", "granted", "F16H49/00", "B25J17/02"),
            _ip("2021", 2, "1539804", "granted", "B25J17/00"),
            _ip("2023", 1, "1102457", "pending", "B25J9/10", "F16H55/08"),
        ],
        "auction": None,
    },
    {
        "key": "zr_vibration_suppress",
        "owner": "zju_robot",
        "title": "高速机械手末端残余振动抑制与轨迹规划算法",
        "abstract": (
            "面向注塑取件机械手、桁架机器人和轻型六轴机器人的振动抑制软件包，采用基于在线频率辨识的输入整形"
            "与S曲线/多项式混合轨迹规划，无需加装传感器即可嵌入主流运动控制器。在1.2 m行程桁架上，"
            "末端残余振幅由0.8 mm降至0.1 mm以内，停止稳定时间缩短65%，节拍提升15%~20%。"
            "提供EtherCAT主站插件与PLCopen功能块两种形式。"
        ),
        "confidential_details": (
            "负载变化下模态频率在线辨识方法与参数更新律、ZVD/EI整形器阶数选择规则、时间最优轨迹求解的数值实现，"
            "以及在汇川、雷赛控制器上的移植代码。"
        ),
        "keywords": ["振动抑制", "输入整形", "轨迹规划", "桁架机器人", "EtherCAT", "PLCopen"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["robotics", "rubber_plastics"],
        "trl": 6,
        "transfer_modes": ["license", "tech_service"],
        "price": "450000.00",
        "status": "published",
        "patents": [
            _ip("2019", 1, "0523718", "granted", "G05B19/416", "B25J9/16"),
            _ip("2022", 1, "0367142", "granted", "B25J9/16"),
        ],
        "auction": None,
    },
    {
        "key": "zr_kinematic_calib",
        "owner": "zju_robot",
        "title": "基于激光跟踪仪的工业机器人运动学参数快速标定技术",
        "abstract": (
            "针对工业机器人绝对定位精度低、离线编程轨迹需现场反复示教的问题，建立含关节零位、连杆长度和"
            "重力柔性变形的扩展MDH误差模型，利用激光跟踪仪采集约60个位姿即可完成参数辨识。"
            "标定后六轴机器人绝对定位误差由1.5~3 mm降至0.3 mm以内，单台标定时间不超过2小时，"
            "支持ABB、埃斯顿、新松等品牌控制器。"
        ),
        "confidential_details": (
            "测量位姿的可观测度优化选取方法、考虑重力柔性的误差参数辨识算法及正则化系数、"
            "补偿值写入各品牌控制器的接口参数表与现场标定作业指导书。"
        ),
        "keywords": ["运动学标定", "绝对定位精度", "激光跟踪仪", "MDH模型", "离线编程"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["robotics"],
        "trl": 7,
        "transfer_modes": ["tech_service", "license"],
        "price": "200000.00",
        "status": "published",
        "patents": [_ip("2018", 1, "1093265", "granted", "B25J9/16", "G01B11/00")],
        "auction": None,
    },
    {
        "key": "zr_force_grinding",
        "owner": "zju_robot",
        "title": "协作机器人恒力打磨末端执行器及力控去毛刺工艺",
        "abstract": (
            "主动气动恒力浮动打磨头与机器人力位混合控制相结合，用于压铸件、卫浴五金和注塑件去毛刺与抛光。"
            "接触力控制范围5~200 N，稳态波动±1 N，响应时间小于30 ms；配套工艺库覆盖铝合金、不锈钢和ABS件。"
            "在某压铸泵壳去毛刺工位替代3名人工，表面粗糙度一致性提升40%，铸件尺寸偏差±0.5 mm时仍不过磨。"
        ),
        "confidential_details": (
            "比例阀-气缸非线性前馈补偿模型、接触冲击时导纳参数自适应规则、基于视觉的毛刺轨迹在线修正方法，"
            "以及典型材料的打磨转速、压力与进给工艺参数表。"
        ),
        "keywords": ["力控打磨", "恒力浮动", "去毛刺", "力位混合控制", "协作机器人", "压铸件"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["robotics", "nev_parts"],
        "trl": 7,
        "transfer_modes": ["transfer", "co_development"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2021", 2, "0624581", "granted", "B24B27/00", "B25J11/00"),
            _ip("2021", 1, "0458930", "granted", "B24B49/16", "B25J9/16"),
        ],
        "auction": None,
    },
    {
        "key": "zr_amr_nav",
        "owner": "zju_robot",
        "title": "车间环境AMR激光SLAM导航与多车调度系统",
        "abstract": (
            "面向注塑、家电总装车间物料配送的自主移动机器人导航方案，融合2D激光、IMU与轮速计实现无反光板定位，"
            "重定位成功率99.5%，停靠精度±5 mm/±0.5°；多车调度支持50台以内混合车型的路径规划和交通管制，"
            "可与MES工单系统对接实现自动派单，部署一个车间的地图构建与调试不超过3天。"
        ),
        "confidential_details": (
            "动态环境下的地图增量更新与退化场景检测策略、多车死锁预测与解锁算法源代码、"
            "与主流MES和WMS对接的接口协议说明及现场部署检查表。"
        ),
        "keywords": ["AMR", "激光SLAM", "多车调度", "物料配送", "自主导航", "MES对接"],
        "tech_field": "electronic_information",
        "industry_chains": ["robotics", "home_appliances"],
        "trl": 6,
        "transfer_modes": ["license", "co_development"],
        "price": None,
        "status": "published",
        "patents": [_ip("2022", 1, "1187603", "granted", "G05D1/02", "G01C21/20")],
        "auction": None,
    },
    {
        "key": "zr_peg_in_hole",
        "owner": "zju_robot",
        "title": "基于六维力传感的精密轴孔柔顺装配技术",
        "abstract": (
            "利用六维力/力矩传感器与阻抗控制实现间隙0.01 mm级轴孔、卡扣和连接器的机器人自动装配，"
            "具备姿态误差自纠正和卡阻检测功能。初始位置偏差±2 mm、角度偏差±2°时装配成功率≥99%，"
            "单次插装时间2~4 s，已在电机转子轴承压装与汽车连接器插接工位完成验证。"
        ),
        "confidential_details": (
            "基于接触力特征的孔位搜索策略与状态机、阻抗参数随插入深度的变参数调度表、"
            "卡阻判别阈值及力传感器温漂补偿方法。"
            "另附装配工位的夹具设计要点与节拍优化记录。"
        ),
        "keywords": ["柔顺装配", "六维力传感器", "阻抗控制", "轴孔装配", "连接器插接"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["robotics", "nev_parts"],
        "trl": 5,
        "transfer_modes": ["co_development"],
        "price": None,
        "status": "pending_review",
        "patents": [_ip("2023", 1, "0815274", "pending", "B25J9/16", "B23P19/02")],
        "auction": None,
    },
    # ================================================================== 宁波市智能制造产业研究院 — 工业互联网、MES
    {
        "key": "nbim_inj_mes",
        "owner": "nbim",
        "title": "注塑车间轻量化MES制造执行系统",
        "abstract": (
            "面向50~300台注塑机规模中小企业的MES，支持本地部署与SaaS两种方式，覆盖工单下达、模具与物料管理、"
            "首件检验、质量追溯与OEE统计，注塑机通过Euromap 63/77协议或采集盒接入。"
            "已在余姚、慈溪40余家企业部署，平均OEE提升8个百分点，换模等待时间下降30%，实施周期4~6周。"
        ),
        "confidential_details": (
            "数据库表结构设计与工艺参数异常判定规则库、注塑机协议驱动源代码、"
            "按家电、汽配、日用品行业定制的报表模板及实施方法论文档。"
        ),
        "keywords": ["MES", "注塑车间", "OEE", "Euromap 77", "质量追溯", "工业互联网"],
        "tech_field": "electronic_information",
        "industry_chains": ["rubber_plastics", "molds", "home_appliances"],
        "trl": 9,
        "transfer_modes": ["license", "tech_service"],
        "price": "180000.00",
        "status": "published",
        "patents": [_ip("2021", 1, "0296418", "granted", "G05B19/418", "G06Q50/04")],
        "auction": None,
    },
    {
        "key": "nbim_edge_gateway",
        "owner": "nbim",
        "title": "多协议工业设备数据采集边缘网关",
        "abstract": (
            "支持Modbus、OPC UA、Profinet、三菱MC、西门子S7及Euromap等30余种协议的边缘采集网关，"
            "单台可接入64台设备、毫秒级采样，内置断网缓存与数据压缩，通过MQTT上传至工业互联网平台。"
            "适用于注塑机、冲床、CNC和空压机等老旧设备联网改造，单点接入成本较进口方案降低60%。"
        ),
        "confidential_details": (
            "网关硬件原理图与PCB文件、协议解析插件框架及源代码、边缘规则引擎配置方法，"
            "以及老旧设备无通讯口时的电流互感与IO信号改造方案。"
        ),
        "keywords": ["边缘网关", "设备联网", "OPC UA", "数据采集", "MQTT", "老旧设备改造"],
        "tech_field": "electronic_information",
        "industry_chains": ["molds", "rubber_plastics", "home_appliances"],
        "trl": 8,
        "transfer_modes": ["transfer", "license"],
        "price": "350000.00",
        "status": "published",
        "patents": [
            _ip("2020", 2, "2318756", "granted", "G05B19/418"),
            _ip("2022", 1, "0941835", "granted", "H04L67/12", "G05B19/418"),
        ],
        "auction": None,
    },
    {
        "key": "nbim_energy",
        "owner": "nbim",
        "title": "注塑车间能耗监测与节能诊断优化系统",
        "abstract": (
            "通过电参数采集与注塑工艺数据关联分析，按机台、模具和产品核算单位能耗，识别空转、料筒过度保温和"
            "冷却水泵定频运行等浪费，给出伺服改造、料筒保温和水泵变频等节能建议。在12家企业的应用中"
            "平均节电11.6%，投资回收期小于14个月，并可生成产品碳足迹核算数据。"
        ),
        "confidential_details": (
            "单位产品能耗基准模型与各类注塑机能耗特征库、异常能耗识别规则、"
            "节能措施收益测算表及与电力需量管理联动的控制策略。"
            "另附12家企业的节电改造前后对比数据。"
        ),
        "keywords": ["能耗监测", "注塑机节能", "碳足迹", "单位能耗", "变频改造"],
        "tech_field": "resources_environment",
        "industry_chains": ["rubber_plastics", "molds"],
        "trl": 8,
        "transfer_modes": ["tech_service", "license"],
        "price": "120000.00",
        "status": "published",
        "patents": [_ip("2022", 1, "1374029", "granted", "G06Q50/06", "G01R22/06")],
        "auction": None,
    },
    {
        "key": "nbim_twin_line",
        "owner": "nbim",
        "title": "家电总装线数字孪生仿真与产线平衡优化方法",
        "abstract": (
            "基于离散事件仿真与机器人工艺仿真构建注塑、喷涂到总装的全流程数字孪生模型，对工位节拍、缓冲区容量、"
            "AGV配送和人员配置进行虚拟调试与瓶颈分析。某空气炸锅总装线改造前仿真预测产能误差小于3%，"
            "优化后线平衡率由72%提升至89%，减少作业人员6人。"
        ),
        "confidential_details": (
            "家电总装工位标准工时库与建模模板、仿真模型与MES实时数据同步接口、"
            "多目标线平衡优化算法参数及虚拟调试验收规范。"
            "另附仿真模型与实测产能的校核记录。"
        ),
        "keywords": ["数字孪生", "产线仿真", "线平衡", "虚拟调试", "家电总装"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["home_appliances", "robotics"],
        "trl": 7,
        "transfer_modes": ["tech_service", "co_development"],
        "price": None,
        "status": "published",
        "patents": [],
        "auction": None,
    },
    {
        "key": "nbim_aps_mold",
        "owner": "nbim",
        "title": "模具企业多项目高级计划排程APS系统",
        "abstract": (
            "针对模具单件小批、工序多、设计变更频繁的特点，按零件工艺路线对CNC、电火花、慢走丝和钳工资源"
            "进行有限产能排程，支持插单和设计变更的快速重排，千余道工序排程计算在1分钟内完成。"
            "某模具企业应用后交付准时率由68%提升至91%，关键设备利用率提高12%。"
        ),
        "confidential_details": (
            "模具零件工艺路线模板库、基于约束规划与启发式混合的排程算法实现、"
            "设计变更影响范围分析逻辑及与CAM、MES系统的数据接口。"
        ),
        "keywords": ["APS", "高级计划排程", "模具", "有限产能", "准时交付"],
        "tech_field": "electronic_information",
        "industry_chains": ["molds"],
        "trl": 8,
        "transfer_modes": ["license"],
        "price": "260000.00",
        "status": "transferred",
        "patents": [_ip("2020", 1, "1126487", "granted", "G06Q10/06", "G05B19/418")],
        "auction": None,
    },
    # ================================================================== 宁波阳明工业技术研究院 — CT、失效分析、精密检测
    {
        "key": "ym_ct_defect_ai",
        "owner": "yangming",
        "title": "基于深度学习的工业CT铸件内部缺陷自动识别系统",
        "abstract": (
            "针对铝合金压铸件CT检测依赖人工逐层判读、效率低且一致性差的问题，建立包含气孔、缩松、冷隔和夹杂的"
            "3万余张标注切片样本库，采用三维分割网络自动识别缺陷并按VDG P202/ASTM E505分级。"
            "缺陷检出率≥97%，最小可识别缺陷0.3 mm，单件判读时间由40分钟缩短至3分钟，"
            "可输出缺陷位置与CAD比对报告。"
        ),
        "confidential_details": (
            "三维分割网络结构与训练超参数、射束硬化与环形伪影校正参数、缺陷分级阈值设定方法，"
            "以及样本库标注规范与数据增强策略。"
            "另附与人工判读的一致性比对数据。"
        ),
        "keywords": ["工业CT", "缺陷识别", "深度学习", "压铸件", "孔隙率", "VDG P202"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["nev_parts", "molds"],
        "trl": 7,
        "transfer_modes": ["license", "tech_service"],
        "price": "800000.00",
        "status": "published",
        "patents": [
            _ip("2022", 1, "0583146", "granted", "G01N23/046", "G06T7/00"),
            _ip("2023", 1, "1429075", "pending", "G06V10/82", "G01N23/046"),
        ],
        "auction": None,
    },
    {
        "key": "ym_diecast_porosity",
        "owner": "yangming",
        "title": "铝合金压铸件气孔成因诊断与工艺优化方法",
        "abstract": (
            "综合CT孔隙分布、扫描电镜断口形貌和直读光谱成分分析，区分卷气、析出性气孔和缩松三类缺陷，"
            "并追溯至压射速度、真空度、模温和脱模剂用量等工艺因素。已为十余家汽车零部件企业完成壳体渗漏诊断，"
            "典型案例中气密性不良率由4.5%降至0.6%，提供诊断服务与工艺优化指导。"
        ),
        "confidential_details": (
            "三类孔洞缺陷的形貌判据与CT灰度特征、孔隙分布与压射曲线的关联分析模板、"
            "ADC12与A380合金的含气量控制限及排气槽设计建议。"
        ),
        "keywords": ["压铸气孔", "气密性渗漏", "失效分析", "工业CT", "真空压铸", "缩松"],
        "tech_field": "new_materials",
        "industry_chains": ["nev_parts"],
        "trl": 8,
        "transfer_modes": ["tech_service"],
        "price": "150000.00",
        "status": "published",
        "patents": [],
        "auction": None,
    },
    {
        "key": "ym_fracture_ai",
        "owner": "yangming",
        "title": "金属零件断口形貌智能判读与失效模式诊断系统",
        "abstract": (
            "基于2万余张扫描电镜断口图像训练的分类模型，自动识别韧窝、解理、沿晶、疲劳辉纹和应力腐蚀等典型形貌，"
            "结合能谱成分和服役工况给出失效模式判断与排查建议。对疲劳与过载断裂的判别准确率达93%，"
            "可将初步失效分析报告周期由5个工作日缩短至1个工作日。"
        ),
        "confidential_details": (
            "断口图像数据集来源与标注规则、多尺度形貌分类网络结构、"
            "失效模式推理规则库及与能谱、硬度数据的融合判定逻辑。"
            "另附典型失效案例的判读报告样本。"
        ),
        "keywords": ["断口分析", "失效分析", "扫描电镜", "疲劳断裂", "图像识别"],
        "tech_field": "new_materials",
        "industry_chains": ["nev_parts", "new_materials"],
        "trl": 6,
        "transfer_modes": ["license", "co_development"],
        "price": None,
        "status": "published",
        "patents": [_ip("2022", 1, "1508364", "granted", "G01N23/2251", "G06V10/764")],
        "auction": None,
    },
    {
        "key": "ym_residual_stress",
        "owner": "yangming",
        "title": "X射线衍射法喷丸件残余应力梯度无损快速评价技术",
        "abstract": (
            "针对弹簧、齿轮和转轴等喷丸强化件残余应力难以快速评价的问题，建立XRD sin²ψ法结合电解抛光逐层剥除的"
            "应力梯度测量流程和修正模型，测量不确定度≤±20 MPa，深度分辨率20 μm；"
            "快速评价方法将单点测量时间由10分钟降至90秒，可用于来料抽检与喷丸工艺验证。"
        ),
        "confidential_details": (
            "逐层剥除后的应力重分布修正公式与参数、不同钢种的衍射晶面与弹性常数选取表、"
            "快速测量的曝光与摆角设置及不确定度评定方法。"
            "另附与钻孔法的比对验证数据。"
        ),
        "keywords": ["残余应力", "X射线衍射", "喷丸强化", "sin²ψ法", "无损检测"],
        "tech_field": "new_materials",
        "industry_chains": ["nev_parts", "new_materials"],
        "trl": 6,
        "transfer_modes": ["tech_service", "license"],
        "price": "90000.00",
        "status": "published",
        "patents": [
            _ip("2019", 1, "0264817", "granted", "G01N23/207", "G01L1/25"),
            _ip("2015", 2, "0918352", "expired", "G01N23/20"),
        ],
        "auction": None,
    },
    {
        "key": "ym_optical_stitching",
        "owner": "yangming",
        "title": "大口径光学元件子孔径拼接面形检测方法",
        "abstract": (
            "利用白光干涉轮廓仪与激光干涉仪的子孔径拼接算法，实现口径达200 mm的非球面及自由曲面光学元件"
            "面形测量，拼接面形误差RMS≤λ/30，单次测量耗时小于20分钟，可替代进口大口径干涉仪，"
            "满足车载、安防镜片及其模具型芯的检测需求。"
        ),
        "confidential_details": (
            "子孔径路径规划与重叠率选取方法、基于最小二乘的拼接误差全局优化算法、"
            "参考面误差标定流程及与三坐标测量数据的配准方法。"
            "另附与进口干涉仪的比对测量数据。"
        ),
        "keywords": ["子孔径拼接", "面形检测", "非球面", "干涉测量", "模具型芯"],
        "tech_field": "electronic_information",
        "industry_chains": ["optoelectronics"],
        "trl": 5,
        "transfer_modes": ["co_development", "license"],
        "price": None,
        "status": "draft",
        "patents": [_ip("2024", 1, "0397624", "pending", "G01B11/24", "G01B9/02")],
        "auction": None,
    },
    # ================================================================== 诺丁汉(余姚)智能电气化研究院 — 电机与电力电子
    {
        "key": "unnc_sic_inverter",
        "owner": "unnc_elec",
        "title": "800V平台碳化硅电驱逆变器设计与控制技术",
        "abstract": (
            "基于1200 V SiC MOSFET半桥模块的800 V电驱动逆变器方案，峰值相电流550 Arms，功率密度38 kW/L，"
            "CLTC工况平均效率99.1%，比同等IGBT方案提升约1.5个百分点。采用有源米勒钳位与多级关断抑制过压，"
            "20 kHz开关频率下dv/dt控制在10 V/ns以内，软件架构按ASIL-C功能安全要求设计。"
        ),
        "confidential_details": (
            "杂散电感小于8 nH的叠层母排结构设计图、门极驱动参数与有源钳位电路、死区补偿与过调制算法，"
            "以及模块结温在线估计模型及其标定数据。"
        ),
        "keywords": ["SiC", "碳化硅逆变器", "800V", "电驱动", "MOSFET", "功率密度", "ASIL-C"],
        "tech_field": "new_energy",
        "industry_chains": ["nev_parts"],
        "trl": 6,
        "transfer_modes": ["co_development", "license", "equity"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2021", 1, "1350872", "granted", "H02M7/5387", "H02M1/08"),
            _ip("2022", 1, "0218496", "granted", "H02M1/32"),
            _ip("2022", 2, "2764013", "granted", "H02M7/00"),
        ],
        "auction": None,
    },
    {
        "key": "unnc_obc",
        "owner": "unnc_elec",
        "title": "11 kW双向车载充电机OBC拓扑与控制技术",
        "abstract": (
            "采用图腾柱无桥PFC加CLLC双向谐振变换器的11 kW车载充电机方案，支持V2L/V2G放电，"
            "输出电压250~850 V，兼容400 V与800 V平台。满载峰值效率96.5%，功率密度4.2 kW/L，"
            "输入电流THD小于3%，样机EMC预测试满足CISPR 25 Class 3要求。"
        ),
        "confidential_details": (
            "CLLC谐振参数设计方法与磁集成变压器绕组结构、宽电压范围下变频与移相混合控制策略、"
            "图腾柱PFC过零尖峰抑制算法及样机BOM清单。"
        ),
        "keywords": ["OBC", "车载充电机", "CLLC", "图腾柱PFC", "V2G", "双向充电"],
        "tech_field": "new_energy",
        "industry_chains": ["nev_parts"],
        "trl": 6,
        "transfer_modes": ["license", "transfer"],
        "price": "1500000.00",
        "status": "published",
        "patents": [
            _ip("2021", 1, "0683504", "granted", "H02M3/335", "B60L53/22"),
            _ip("2023", 1, "0274159", "pending", "H02M1/42"),
        ],
        "auction": {"starting_price": "1200000.00", "deposit": "100000.00", "days_open": 21},
    },
    {
        "key": "unnc_pump_motor",
        "owner": "unnc_elec",
        "title": "新能源汽车电子水泵高效永磁电机及无位置传感器驱动",
        "abstract": (
            "面向电池与电驱冷却的100~800 W电子水泵，采用屏蔽式内转子永磁同步电机与无位置传感器FOC控制，"
            "电机效率≥88%，整泵效率提升6%，1 m处运行噪声≤38 dB(A)。驱动支持LIN/PWM通信、干运行检测和"
            "堵转保护，适配12 V、48 V及800 V高压系统，已通过-40~125 ℃高低温及1万小时耐久验证。"
        ),
        "confidential_details": (
            "屏蔽套材料与厚度选择对涡流损耗的影响数据、转子磁钢分段与极弧系数、"
            "低速无感启动的高频注入参数及干运行电流特征判据。"
            "另附样机耐久试验原始数据与失效记录。"
        ),
        "keywords": ["电子水泵", "永磁同步电机", "无位置传感器", "FOC", "热管理", "低噪声"],
        "tech_field": "new_energy",
        "industry_chains": ["nev_parts"],
        "trl": 7,
        "transfer_modes": ["license", "co_development"],
        "price": "900000.00",
        "status": "published",
        "patents": [
            _ip("2020", 1, "1462390", "granted", "H02K5/128", "F04D13/06"),
            _ip("2022", 1, "0859127", "granted", "H02P21/18"),
        ],
        "auction": None,
    },
    {
        "key": "unnc_hs_bldc",
        "owner": "unnc_elec",
        "title": "家电用高速无刷电机设计与无感驱动技术",
        "abstract": (
            "针对吸尘器、高速吹风机和破壁机，开发转速8万~15万 r/min的单相/三相高速无刷电机与无感驱动。"
            "三相方案在110000 r/min时电机效率达86%，驱动采用高频注入与反电势过零混合启动，"
            "启动成功率100%、0.5 s内到达额定转速；电机加驱动成本较进口方案降低约30%。"
        ),
        "confidential_details": (
            "高速转子护套与动平衡工艺、定子低铁损硅钢片选型与叠压参数、"
            "无感启动切换判据与弱磁控制参数，以及驱动板原理图与控制源代码。"
        ),
        "keywords": ["高速无刷电机", "BLDC", "无感驱动", "吸尘器电机", "吹风机电机", "能效提升"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["home_appliances"],
        "trl": 7,
        "transfer_modes": ["license", "transfer"],
        "price": "600000.00",
        "status": "published",
        "patents": [
            _ip("2021", 1, "0937618", "granted", "H02P6/182"),
            _ip("2022", 1, "1043785", "granted", "H02K1/27", "H02K29/03"),
            _ip("2022", 2, "0315962", "granted", "H02K7/14"),
        ],
        "auction": None,
    },
    {
        "key": "unnc_nvh_opt",
        "owner": "unnc_elec",
        "title": "永磁电机电磁噪声预测与转子分段斜极优化方法",
        "abstract": (
            "建立电磁力-结构模态-声辐射多物理场联合仿真流程，在设计阶段预测电机各阶次噪声并定位主要电磁力波。"
            "通过极槽配合选择、转子分段斜极和磁极削角优化，在某家电电机上使24阶电磁噪声降低9 dB(A)，"
            "转矩脉动由8.2%降至2.1%。提供仿真建模、声学相机测试验证与设计优化服务。"
        ),
        "confidential_details": (
            "电磁力波阶次筛选方法与多物理场仿真模板、分段斜极角度与磁极削角的优化目标函数、"
            "定子模态试验与仿真模型修正流程。"
            "另附某家电电机优化前后的声学相机测试数据。"
        ),
        "keywords": ["电机NVH", "电磁噪声", "分段斜极", "转矩脉动", "多物理场仿真"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["home_appliances", "nev_parts"],
        "trl": 6,
        "transfer_modes": ["tech_service", "co_development"],
        "price": None,
        "status": "published",
        "patents": [_ip("2019", 1, "1205634", "granted", "H02K29/03", "H02K1/27")],
        "auction": None,
    },
    {
        "key": "unnc_low_ree_motor",
        "owner": "unnc_elec",
        "title": "低重稀土铁氧体辅助同步磁阻电机设计技术",
        "abstract": (
            "以铁氧体辅助同步磁阻结构替代部分钕铁硼磁钢，在家电压缩机与汽车座椅调节电机上实现无重稀土设计。"
            "样机在保持额定转矩的前提下稀土用量减少70%，效率下降不超过1个百分点，"
            "-20 ℃下可承受3倍过载电流不发生不可逆退磁，材料成本降低25%。"
        ),
        "confidential_details": (
            "多层磁障转子拓扑参数与铁氧体充磁方向设计、抗退磁校核的低温仿真方法、"
            "隔磁桥强度与转矩密度的折中优化结果。"
            "另附样机对拖测试的效率MAP数据。"
        ),
        "keywords": ["同步磁阻电机", "铁氧体辅助", "无重稀土", "抗退磁", "微特电机"],
        "tech_field": "new_energy",
        "industry_chains": ["home_appliances", "nev_parts"],
        "trl": 5,
        "transfer_modes": ["co_development"],
        "price": None,
        "status": "pending_review",
        "patents": [_ip("2023", 1, "1368520", "pending", "H02K1/24", "H02K21/14")],
        "auction": None,
    },
    # ================================================================== 宁波舜安人工智能研究院 — 机器视觉与语音
    {
        "key": "sa_smallsample_defect",
        "owner": "shunan_ai",
        "title": "小样本工业表面缺陷深度学习检测平台",
        "abstract": (
            "针对产线缺陷样本少、类别不均衡的问题，采用正常样本无监督建模与少量缺陷样本微调相结合的方法，"
            "每类缺陷仅需20~50张样本即可上线。已应用于注塑件缩痕与划伤、五金件压伤和镜片脏污检测，"
            "漏检率≤0.1%，过杀率≤1%，单张图像在Jetson Orin NX上推理时间小于30 ms。"
        ),
        "confidential_details": (
            "无监督异常检测网络结构与特征记忆库压缩方法、缺陷样本合成与数据增强策略、"
            "过杀/漏检阈值自动标定流程及产线打光方案库。"
            "另附各应用产线的验收测试数据。"
        ),
        "keywords": ["缺陷检测", "小样本学习", "机器视觉", "深度学习", "外观检测", "边缘推理"],
        "tech_field": "electronic_information",
        "industry_chains": ["molds", "optoelectronics", "home_appliances"],
        "trl": 8,
        "transfer_modes": ["license", "tech_service"],
        "price": "380000.00",
        "status": "published",
        "patents": [
            _ip("2021", 1, "1517043", "granted", "G06T7/00", "G06N3/08"),
            _ip("2022", 1, "0496231", "granted", "G01N21/88", "G06V10/82"),
        ],
        "auction": None,
    },
    {
        "key": "sa_offline_asr",
        "owner": "shunan_ai",
        "title": "家电离线语音识别与自定义唤醒模组",
        "abstract": (
            "基于自研轻量化声学模型的离线语音方案，可运行于主频240 MHz、RAM 512 KB级别的RISC-V语音芯片，"
            "支持150条本地命令词、中英双语和自定义唤醒词。在65 dB风机噪声下3 m唤醒率≥95%，"
            "误唤醒≤1次/72小时，命令识别率≥93%；已适配空气炸锅、取暖器和吸顶灯，模组BOM成本约9元。"
        ),
        "confidential_details": (
            "声学模型结构与INT8量化训练方法、针对风机噪声的双麦克风波束形成与降噪参数、"
            "唤醒词定制的数据采集规范及芯片端推理引擎源代码。"
        ),
        "keywords": ["离线语音", "语音识别", "语音唤醒", "RISC-V", "智能家电", "降噪"],
        "tech_field": "electronic_information",
        "industry_chains": ["home_appliances"],
        "trl": 8,
        "transfer_modes": ["license", "transfer"],
        "price": "500000.00",
        "status": "published",
        "patents": [
            _ip("2021", 1, "0728364", "granted", "G10L15/22", "G10L15/16"),
            _ip("2022", 1, "1281590", "granted", "G10L21/0208"),
        ],
        "auction": None,
    },
    {
        "key": "sa_ocr_marking",
        "owner": "shunan_ai",
        "title": "金属及注塑件激光打标字符OCR识别系统",
        "abstract": (
            "针对激光打标、钢印和注塑凸字字符对比度低、反光强的问题，采用多角度光源分时采集与端到端文本识别网络，"
            "字符识别准确率≥99.7%，单件识别时间小于80 ms，支持DPM二维码同步读取，"
            "可与MES对接实现零部件批次追溯。"
        ),
        "confidential_details": (
            "多角度光源融合成像方法与打光参数、文本识别网络结构及合成训练数据生成工具、"
            "易混字符的后处理校验规则。"
            "另附现场部署的相机与光源选型清单及验收记录。"
        ),
        "keywords": ["OCR", "字符识别", "激光打标", "DPM二维码", "零部件追溯"],
        "tech_field": "electronic_information",
        "industry_chains": ["nev_parts", "molds"],
        "trl": 8,
        "transfer_modes": ["license"],
        "price": "150000.00",
        "status": "transferred",
        "patents": [_ip("2020", 1, "1035726", "granted", "G06V30/10", "G06T5/50")],
        "auction": None,
    },
    {
        "key": "sa_3d_picking",
        "owner": "shunan_ai",
        "title": "基于3D视觉的机器人散乱工件无序抓取系统",
        "abstract": (
            "结合结构光3D相机点云与深度学习位姿估计，引导六轴机器人从料框中无序抓取金属件和注塑件，"
            "支持30余种工件的快速模板注册。定位精度±0.5 mm，识别加抓取节拍≤6 s，抓取成功率≥99%，"
            "具备防碰撞路径规划和料框清空检测，兼容主流国产机器人控制器通讯。"
        ),
        "confidential_details": (
            "点云分割与位姿估计网络结构、抓取点评分与夹具碰撞检测算法、"
            "手眼标定误差补偿方法及各品牌机器人通讯协议适配代码。"
            "另附典型工件的抓取成功率测试记录。"
        ),
        "keywords": ["3D视觉", "无序抓取", "位姿估计", "手眼标定", "上下料", "点云"],
        "tech_field": "electronic_information",
        "industry_chains": ["robotics"],
        "trl": 7,
        "transfer_modes": ["license", "co_development"],
        "price": "420000.00",
        "status": "published",
        "patents": [_ip("2021", 1, "1168295", "granted", "B25J9/16", "G06T7/73")],
        "auction": None,
    },
    {
        "key": "sa_edge_deploy",
        "owner": "shunan_ai",
        "title": "深度学习模型压缩与国产边缘芯片部署工具链",
        "abstract": (
            "提供剪枝、INT8/INT4量化与知识蒸馏一体化工具链，可将视觉与语音模型一键部署到瑞芯微RK3588、"
            "地平线旭日等国产NPU。典型缺陷检测模型体积压缩至1/8，精度损失小于0.5个百分点，"
            "推理速度提升3~5倍，帮助企业以国产芯片替代进口GPU工控机。"
        ),
        "confidential_details": (
            "敏感层自动识别的混合精度量化策略、面向NPU算子约束的网络改写规则、"
            "蒸馏损失函数配置及各芯片SDK的适配层源代码。"
            "另附各芯片上的精度与时延基准测试数据。"
        ),
        "keywords": ["模型压缩", "INT8量化", "边缘部署", "国产NPU", "知识蒸馏"],
        "tech_field": "electronic_information",
        "industry_chains": ["robotics", "home_appliances"],
        "trl": 6,
        "transfer_modes": ["license", "tech_service"],
        "price": None,
        "status": "published",
        "patents": [_ip("2023", 1, "0541836", "pending", "G06N3/08")],
        "auction": None,
    },
    # ================================================================== 光电信息产业创新研究院 — 镜头、镀膜、光电传感
    {
        "key": "oe_athermal_lens",
        "owner": "yy_oe_inst",
        "title": "车载800万像素前视镜头无热化光学设计",
        "abstract": (
            "采用玻璃-塑料混合非球面结构与镜筒材料热膨胀匹配的无热化设计，在-40~105 ℃范围内后焦漂移≤±5 μm，"
            "全视场MTF@125 lp/mm≥0.35，视场角120°，F1.6，满足主机厂前视ADAS摄像头的高低温成像要求。"
            "提供光学设计文件、公差分析报告和样品验证。"
        ),
        "confidential_details": (
            "各镜片材料牌号与非球面系数、镜筒与隔圈材料热膨胀系数配比、公差分配与补偿方案，"
            "以及主动对准装配与点胶固化的工艺参数。"
            "另附高低温MTF测试原始数据。"
        ),
        "keywords": ["车载镜头", "无热化设计", "ADAS", "MTF", "非球面", "热离焦"],
        "tech_field": "electronic_information",
        "industry_chains": ["optoelectronics", "nev_parts"],
        "trl": 6,
        "transfer_modes": ["license", "co_development"],
        "price": "1000000.00",
        "status": "published",
        "patents": [
            _ip("2021", 1, "1274503", "granted", "G02B13/00", "G02B7/028"),
            _ip("2022", 1, "1536280", "granted", "G02B13/18"),
        ],
        "auction": None,
    },
    {
        "key": "oe_hydrophobic_ar",
        "owner": "yy_oe_inst",
        "title": "车载镜头超疏水耐候减反射复合镀膜技术",
        "abstract": (
            "在玻璃及塑料镜片表面依次沉积宽带减反膜与含氟超疏水防污层，420~680 nm平均反射率小于0.3%，"
            "水接触角≥115°。经85 ℃/85%RH 1000 h、中性盐雾96 h和3000次耐磨擦试验后接触角仍≥105°，"
            "膜层附着力100/100，适用于车载摄像头、激光雷达视窗和户外安防镜头外镜片。"
        ),
        "confidential_details": (
            "减反膜系结构与各层厚度、离子源辅助沉积的能量与束流参数、镀前等离子清洗工艺，"
            "以及疏水层前驱体配方和后固化条件。"
            "另附各项耐候试验的原始测试记录。"
        ),
        "keywords": ["减反射膜", "超疏水", "光学镀膜", "耐候性", "车载镜头", "AR膜"],
        "tech_field": "new_materials",
        "industry_chains": ["optoelectronics", "nev_parts"],
        "trl": 7,
        "transfer_modes": ["license", "transfer"],
        "price": "650000.00",
        "status": "published",
        "patents": [
            _ip("2020", 1, "0315748", "granted", "G02B1/11", "C03C17/34"),
            _ip("2021", 1, "0862417", "granted", "G02B1/18"),
        ],
        "auction": {"starting_price": "500000.00", "deposit": "50000.00", "days_open": 14},
    },
    {
        "key": "oe_stray_light",
        "owner": "yy_oe_inst",
        "title": "光学镜头杂散光与鬼像仿真分析及抑制技术",
        "abstract": (
            "建立包含镜片表面散射、镀膜剩余反射和结构件BRDF的全系统杂散光模型，定位强光源下鬼像和眩光的"
            "关键路径，通过消光螺纹、镜片边缘涂黑和隔圈倒角优化进行抑制。在某安防镜头上鬼像能量降低85%，"
            "面光源杂散光系数由3.2%降至0.9%，且MTF不下降。"
        ),
        "confidential_details": (
            "常用结构件表面处理的BRDF实测数据库、鬼像路径快速筛选脚本、"
            "消光螺纹牙型参数与涂黑油墨选型及耐温验证结果。"
            "另附整改前后的杂散光测试对比数据。"
        ),
        "keywords": ["杂散光", "鬼像", "眩光抑制", "BRDF", "安防镜头"],
        "tech_field": "electronic_information",
        "industry_chains": ["optoelectronics"],
        "trl": 7,
        "transfer_modes": ["tech_service"],
        "price": "120000.00",
        "status": "published",
        "patents": [
            _ip("2022", 1, "0628451", "granted", "G02B27/00"),
            _ip("2022", 2, "1947305", "granted", "G02B7/02"),
        ],
        "auction": None,
    },
    {
        "key": "oe_tof_signal",
        "owner": "yy_oe_inst",
        "title": "强环境光下TOF激光测距信号处理与抗干扰技术",
        "abstract": (
            "面向工业激光测距传感器和光电开关，采用脉冲TOF多脉冲累积直方图与自适应阈值算法，"
            "在100 klx环境光下对10%反射率目标测距量程达30 m，重复精度±3 mm，高反光不锈钢与黑色橡胶表面"
            "测量偏差小于5 mm；配套背景抑制光电开关温漂补偿方案，-25~55 ℃开关点漂移小于3%。"
        ),
        "confidential_details": (
            "SPAD/APD前端偏置与温度补偿电路、直方图峰值提取与多目标分离算法、"
            "距离游走误差标定表以及光学收发同轴结构尺寸。"
            "另附量程与重复精度的测试记录。"
        ),
        "keywords": ["TOF", "激光测距", "SPAD", "抗环境光", "温漂补偿", "光电开关"],
        "tech_field": "electronic_information",
        "industry_chains": ["optoelectronics", "robotics"],
        "trl": 6,
        "transfer_modes": ["co_development", "license"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2021", 1, "0419276", "granted", "G01S17/10", "G01S7/487"),
            _ip("2023", 1, "0953148", "pending", "G01S7/4865"),
        ],
        "auction": None,
    },
    {
        "key": "oe_active_alignment",
        "owner": "yy_oe_inst",
        "title": "摄像模组六轴主动对准(AA)装配工艺及设备",
        "abstract": (
            "基于实时MTF反馈的六轴主动对准装配技术，支持镜头与图像传感器在六个自由度上的调整，"
            "UV胶固化前后光轴偏移小于3 μm、倾斜小于0.05°，单件节拍≤25 s，"
            "适用于200万~800万像素车载与安防摄像模组，设备核心部件国产化率90%以上。"
        ),
        "confidential_details": (
            "多视场MTF联合寻优算法与收敛判据、UV胶固化收缩的预补偿模型、"
            "六轴调整平台的结构图纸及运动控制参数。"
            "另附节拍与良率的量产验证数据。"
        ),
        "keywords": ["主动对准", "AA工艺", "摄像模组", "MTF", "UV点胶", "车载摄像头"],
        "tech_field": "electronic_information",
        "industry_chains": ["optoelectronics", "nev_parts"],
        "trl": 6,
        "transfer_modes": ["co_development", "equity"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2022", 1, "1390742", "granted", "G03B43/00", "G02B7/02"),
            _ip("2023", 2, "0518639", "granted", "B23P19/00"),
        ],
        "auction": None,
    },
    {
        "key": "oe_lidar_window",
        "owner": "yy_oe_inst",
        "title": "激光雷达视窗905/1550 nm窄带滤光与防雾镀膜",
        "abstract": (
            "在PC及玻璃视窗上实现可见光黑色外观、905 nm与1550 nm双波段透过率≥95%的窄带滤光膜，"
            "并复合亲水防雾层与ITO加热膜，-30 ℃下除雾时间小于60 s。膜层通过85 ℃/85%RH 500 h"
            "和200次热冲击测试无脱膜，可用于车载激光雷达和智能感知设备。"
        ),
        "confidential_details": (
            "双波段窄带滤光膜系设计与层数、PC基材低温镀膜的应力控制方法、"
            "ITO加热膜方阻与电极布置参数及防雾层配方。"
            "另附膜层可靠性试验的原始记录。"
        ),
        "keywords": ["激光雷达", "滤光膜", "防雾", "ITO加热", "光学视窗"],
        "tech_field": "new_materials",
        "industry_chains": ["optoelectronics", "nev_parts"],
        "trl": 5,
        "transfer_modes": ["co_development"],
        "price": None,
        "status": "draft",
        "patents": [_ip("2024", 1, "0726385", "pending", "G02B5/28", "G01S7/481")],
        "auction": None,
    },
    # ================================================================== 模具与高分子材料研究院 — 模流、改性塑料、橡胶
    {
        "key": "pm_conformal_cooling",
        "owner": "yy_polymer",
        "title": "注塑模具SLM随形冷却水路设计与制造技术",
        "abstract": (
            "结合模流分析与拓扑优化设计贴合型面的随形冷却水路，采用SLM打印马氏体时效钢模具镶件并热处理至"
            "HRC50~52。在薄壁家电面板和汽车内饰件模具上，型面温差由18 ℃降至5 ℃以内，冷却时间缩短30%~45%，"
            "翘曲量降低40%，镶件寿命≥30万模次。"
        ),
        "confidential_details": (
            "水路截面形状与距型面距离的设计规则、SLM打印激光功率/扫描速度/层厚工艺窗口、"
            "去应力与时效热处理制度以及水路内壁磨粒流抛光方法。"
        ),
        "keywords": ["随形冷却", "SLM", "3D打印模具", "模流分析", "冷却周期", "翘曲"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["molds"],
        "trl": 8,
        "transfer_modes": ["tech_service", "license"],
        "price": "300000.00",
        "status": "published",
        "patents": [
            _ip("2020", 1, "0584921", "granted", "B29C45/73", "B33Y80/00"),
            _ip("2021", 2, "2083574", "granted", "B29C33/04"),
        ],
        "auction": None,
    },
    {
        "key": "pm_warpage_comp",
        "owner": "yy_polymer",
        "title": "薄壁注塑件翘曲变形预测与模具反变形补偿技术",
        "abstract": (
            "基于纤维取向、残余应力和结晶度耦合的翘曲预测模型，对玻纤增强PP、PA66和PC/ABS薄壁件进行翘曲仿真，"
            "预测值与实测偏差≤15%；依据仿真结果对模具型面做反变形补偿并优化保压曲线，"
            "典型汽车门板和空调面板翘曲量由2.5 mm降至0.6 mm，试模次数减少2~3次。"
        ),
        "confidential_details": (
            "常用改性料的PVT与纤维取向模型参数库、仿真结果与三维扫描实测的配准修正方法、"
            "反变形补偿系数迭代算法及保压分段设置经验表。"
        ),
        "keywords": ["翘曲变形", "模流分析", "反变形补偿", "薄壁注塑", "玻纤取向", "保压优化"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["molds", "nev_parts", "home_appliances"],
        "trl": 7,
        "transfer_modes": ["tech_service", "co_development"],
        "price": "200000.00",
        "status": "published",
        "patents": [_ip("2021", 1, "0375682", "granted", "B29C45/76", "G06F30/23")],
        "auction": None,
    },
    {
        "key": "pm_hotrunner_seq",
        "owner": "yy_polymer",
        "title": "多点针阀式热流道顺序控制与熔体平衡技术",
        "abstract": (
            "针对大型汽车保险杠、门板和家电面板多点进胶时熔接痕明显、压力不平衡的问题，开发针阀热流道顺序阀"
            "控制器和熔体温度平衡算法，各喷嘴温差控制在±1 ℃，熔接线位置可调，注塑压力降低15%~25%。"
            "控制器兼容主流热流道系统，可替代进口顺序阀控制器。"
        ),
        "confidential_details": (
            "阀针开启时序的模流反推优化方法、喷嘴温区自整定PID参数、"
            "阀针行程闭环控制的传感器布置与控制器电路原理图。"
            "另附保险杠模具现场应用的压力与温度曲线。"
        ),
        "keywords": ["热流道", "针阀顺序控制", "熔接痕", "大型注塑模具", "进口替代"],
        "tech_field": "advanced_manufacturing",
        "industry_chains": ["molds", "nev_parts"],
        "trl": 7,
        "transfer_modes": ["transfer", "license"],
        "price": "400000.00",
        "status": "published",
        "patents": [
            _ip("2019", 2, "1762048", "granted", "B29C45/27"),
            _ip("2020", 1, "1318957", "granted", "B29C45/28", "B29C45/78"),
        ],
        "auction": None,
    },
    {
        "key": "pm_hffr_pcabs",
        "owner": "yy_polymer",
        "title": "无卤阻燃PC/ABS合金及其制备方法",
        "abstract": (
            "以低聚磷酸酯阻燃剂与有机硅协效体系替代溴系阻燃剂，制得1.0 mm厚度达UL94 V-0、"
            "灼热丝起燃温度GWIT≥775 ℃的PC/ABS合金，缺口冲击强度≥45 kJ/m²，热变形温度≥95 ℃，"
            "满足RoHS与REACH要求，适用于充电桩外壳、家电电源外壳和电池包支架。"
        ),
        "confidential_details": (
            "配方组成与各组分质量份、相容剂与抗滴落剂牌号、双螺杆挤出各区温度、螺杆组合与转速，"
            "以及磷酸酯水解抑制措施和原料干燥条件。"
        ),
        "keywords": ["无卤阻燃", "PC/ABS", "UL94 V-0", "磷系阻燃剂", "改性塑料", "GWIT"],
        "tech_field": "new_materials",
        "industry_chains": ["new_materials", "rubber_plastics", "home_appliances"],
        "trl": 7,
        "transfer_modes": ["transfer", "license"],
        "price": "550000.00",
        "status": "published",
        "patents": [_ip("2019", 1, "0947263", "granted", "C08L69/00", "C08L55/02", "C08K5/523")],
        "auction": {"starting_price": "450000.00", "deposit": None, "days_open": 10},
    },
    {
        "key": "pm_lowvoc_pp",
        "owner": "yy_polymer",
        "title": "汽车内饰用低气味低散发玻纤增强PP材料",
        "abstract": (
            "采用高效VOC吸附剂、低挥发抗氧体系和真空脱挥双螺杆工艺制备低散发PP复合材料，"
            "总碳挥发≤20 μgC/g（VDA 277），气味等级≤3.0级（VDA 270），甲醛≤0.5 mg/kg；"
            "30%玻纤增强牌号拉伸强度≥95 MPa且浮纤明显改善，可用于门板骨架和仪表板支架等内饰件。"
        ),
        "confidential_details": (
            "吸附剂种类与表面改性方法、抗氧剂复配比例、真空脱挥段真空度与螺杆组合，"
            "以及玻纤浸润剂匹配和浮纤抑制助剂配方。"
            "另附第三方VDA测试报告与主机厂送样结果。"
        ),
        "keywords": ["低气味", "低VOC", "改性PP", "玻纤增强", "汽车内饰", "VDA 277"],
        "tech_field": "new_materials",
        "industry_chains": ["new_materials", "nev_parts", "rubber_plastics"],
        "trl": 7,
        "transfer_modes": ["license", "co_development"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2021", 1, "1482036", "granted", "C08L23/12", "C08K7/14"),
            _ip("2022", 1, "0738592", "granted", "C08J3/20", "C08K9/04"),
        ],
        "auction": None,
    },
    {
        "key": "pm_epdm_lowcs",
        "owner": "yy_polymer",
        "title": "新能源电池包用低压缩永久变形EPDM密封材料",
        "abstract": (
            "采用过氧化物/共交联剂硫化体系与高结构炭黑、改性白炭黑并用补强，EPDM密封条150 ℃×70 h"
            "压缩永久变形≤15%，-40 ℃低温脆性合格，3 mm阻燃达UL94 V-0，耐电解液浸泡168 h体积变化≤5%。"
            "已完成电池包上盖密封条小批试制，按Arrhenius外推使用寿命≥15年。"
        ),
        "confidential_details": (
            "生胶牌号与乙烯/ENB含量选择、硫化体系配比、无卤阻燃剂复配比例与表面处理，"
            "以及密炼加料顺序、排胶温度和二段硫化条件。"
            "另附小批试制的工艺记录与检测报告。"
        ),
        "keywords": ["EPDM", "压缩永久变形", "电池包密封", "过氧化物硫化", "橡胶配方", "耐电解液"],
        "tech_field": "new_materials",
        "industry_chains": ["rubber_plastics", "nev_parts"],
        "trl": 6,
        "transfer_modes": ["license", "transfer"],
        "price": "480000.00",
        "status": "published",
        "patents": [_ip("2022", 1, "0179364", "granted", "C08L23/16", "C08K3/04", "C09K3/10")],
        "auction": {"starting_price": "400000.00", "deposit": "40000.00", "days_open": 14},
    },
    {
        "key": "pm_fkm_lowtemp",
        "owner": "yy_polymer",
        "title": "耐低温耐燃油氟橡胶配方及混炼硫化工艺",
        "abstract": (
            "以国产三元氟橡胶与低温改性助剂并用，开发TR10≤-30 ℃、耐燃油C 70 h体积变化≤8%、"
            "200 ℃×22 h压缩永久变形≤18%的氟橡胶O形圈配方，性能接近进口低温牌号，"
            "原料成本降低约35%，适用于燃油系统、电驱冷却管路和电子膨胀阀密封。"
        ),
        "confidential_details": (
            "国产生胶牌号组合与并用比例、低温增塑助剂种类和用量、双酚/过氧化物硫化体系配比，"
            "以及开炼温度控制与后硫化制度。"
            "另附与进口牌号的对比测试数据。"
        ),
        "keywords": ["氟橡胶", "FKM", "耐低温", "O形圈", "国产替代", "压缩永久变形"],
        "tech_field": "new_materials",
        "industry_chains": ["rubber_plastics", "nev_parts"],
        "trl": 5,
        "transfer_modes": ["co_development"],
        "price": None,
        "status": "published",
        "patents": [_ip("2023", 1, "1625093", "pending", "C08L27/16", "C08K5/14")],
        "auction": None,
    },
    {
        "key": "pm_ozone_ageing",
        "owner": "yy_polymer",
        "title": "家电减震橡胶件抗臭氧老化配方及寿命评估方法",
        "abstract": (
            "针对洗衣机、空调外机减震垫使用两三年后龟裂、硬化的问题，通过NR/BR与EPDM共混、石蜡与胺类防老剂复配，"
            "使臭氧老化（50 pphm、40 ℃、20%伸长、96 h）无龟裂，100 ℃×168 h热老化后硬度变化≤+5 Shore A；"
            "同时建立时温叠加寿命预测模型，预测误差≤15%。"
        ),
        "confidential_details": (
            "共混比例与相容方法、防老剂与微晶蜡复配用量、硫化体系与硫化曲线，"
            "以及寿命预测模型的加速老化温度点和活化能拟合方法。"
            "另附加速老化试验的原始数据。"
        ),
        "keywords": ["橡胶老化", "抗臭氧", "减震垫", "寿命预测", "橡胶配方"],
        "tech_field": "new_materials",
        "industry_chains": ["rubber_plastics", "home_appliances"],
        "trl": 8,
        "transfer_modes": ["transfer", "tech_service"],
        "price": "180000.00",
        "status": "transferred",
        "patents": [_ip("2018", 1, "0652819", "granted", "C08L7/00", "C08L23/16")],
        "auction": None,
    },
    {
        "key": "pm_cnt_masterbatch",
        "owner": "yy_polymer",
        "title": "碳纳米管高分散导电母粒及其制备方法",
        "abstract": (
            "利用预分散加熔体强剪切两步法制备碳纳米管含量15%的PP/PA导电母粒，尺寸≤10 μm的团聚体占比98%以上，"
            "制品添加3%即可使体积电阻率降至10⁴ Ω·cm，较炭黑方案添加量降低70%且保持冲击强度，"
            "适用于电子周转箱、抗静电托盘和汽车油路部件。"
        ),
        "confidential_details": (
            "碳纳米管表面处理剂种类与用量、预分散溶剂体系与干燥条件、"
            "双螺杆强剪切段的螺杆元件组合及转速与喂料比。"
            "另附母粒的分散度表征与制品电阻率测试数据。"
        ),
        "keywords": ["碳纳米管", "导电母粒", "分散", "抗静电", "改性塑料"],
        "tech_field": "new_materials",
        "industry_chains": ["new_materials", "rubber_plastics"],
        "trl": 6,
        "transfer_modes": ["license", "co_development"],
        "price": None,
        "status": "published",
        "patents": [
            _ip("2020", 1, "0263815", "granted", "C08J3/22", "C08K3/04"),
            _ip("2021", 1, "1396470", "granted", "C08K7/24", "C08L23/12"),
        ],
        "auction": None,
    },
    # ================================================================== 余姚市工业设计研究院 — 家电工业设计
    {
        "key": "yd_airfryer_design",
        "owner": "yy_design",
        "title": "可视窗空气炸锅外观与人机交互设计方案",
        "abstract": (
            "面向欧美市场的可视窗空气炸锅整机外观设计，包含双层隔热可视窗、抽屉式炸篮一键分离和旋钮加触控的"
            "复合交互，可视窗外表面温度较同类产品降低12 ℃。方案经60名用户测试满意度4.5/5，"
            "含3套CMF色板、结构可行性验证和手板，可按销售区域独占许可。"
        ),
        "confidential_details": (
            "完整三维造型数据与结构拆件图、双层可视窗隔热结构尺寸与玻璃规格、"
            "CMF工艺供应商清单及用户测试原始记录。"
            "另附样机表面温度测试数据与模具开发报价参考。"
        ),
        "keywords": ["工业设计", "空气炸锅", "人机交互", "CMF", "外观设计专利"],
        "tech_field": "high_tech_services",
        "industry_chains": ["home_appliances"],
        "trl": 7,
        "transfer_modes": ["license", "transfer"],
        "price": "150000.00",
        "status": "published",
        "patents": [
            _ip("2023", 3, "0284617", "granted"),
            _ip("2023", 2, "1075392", "granted", "A47J37/06"),
        ],
        "auction": None,
    },
    {
        "key": "yd_hairdryer_design",
        "owner": "yy_design",
        "title": "高速吹风机造型与风道一体化设计方案",
        "abstract": (
            "基于CFD风道流场优化和手持人机工程研究，完成重心后置、握持直径32 mm的高速吹风机造型方案，"
            "整机重量控制在330 g，出风口风速均匀性提升20%，风道气动噪声降低3 dB(A)。"
            "提供外观设计、CMF方案、结构设计和可量产的模具结构建议。"
        ),
        "confidential_details": (
            "风道型线与导流叶片参数、CFD仿真模型与边界条件、"
            "握持舒适度测试数据及关键零件的拔模与分型方案。"
            "另附样机风速分布和噪声测试数据，以及主要结构件的材料选型清单。"
        ),
        "keywords": ["高速吹风机", "工业设计", "风道设计", "人机工程", "CFD"],
        "tech_field": "high_tech_services",
        "industry_chains": ["home_appliances"],
        "trl": 6,
        "transfer_modes": ["license", "co_development"],
        "price": "200000.00",
        "status": "published",
        "patents": [
            _ip("2022", 3, "0531748", "granted"),
            _ip("2022", 2, "2417806", "granted", "A45D20/12"),
        ],
        "auction": None,
    },
    {
        "key": "yd_kettle_cmf",
        "owner": "yy_design",
        "title": "电热水壶系列化CMF设计及快速手板验证方法",
        "abstract": (
            "针对出口电热水壶款式更新快、模具投入大的特点，建立同一结构平台下的系列化CMF设计方法，"
            "通过喷涂、IMD膜片和不锈钢拉丝等工艺组合，以1套主体模具衍生6款外观；"
            "配合彩色多材料3D打印手板，新品外观评审周期由4周缩短至10天。"
        ),
        "confidential_details": (
            "平台化结构拆分与外观件互换规则、CMF工艺成本核算表、"
            "手板打印材料与后处理参数以及海外客户偏好色谱数据。"
            "另附6款衍生外观的工艺路线与单台成本测算。"
        ),
        "keywords": ["CMF设计", "电热水壶", "系列化设计", "快速手板", "IMD"],
        "tech_field": "high_tech_services",
        "industry_chains": ["home_appliances", "molds"],
        "trl": 7,
        "transfer_modes": ["tech_service"],
        "price": "80000.00",
        "status": "published",
        "patents": [
            _ip("2021", 3, "0762153", "granted"),
            _ip("2021", 3, "0762160", "granted"),
        ],
        "auction": None,
    },
    # ================================================================== 服务机构
    {
        "key": "hz_bldc_emc",
        "owner": "hengzhun_test",
        "title": "家电无刷电机驱动传导与辐射骚扰EMC整改技术",
        "abstract": (
            "针对变频家电和个护电器无刷电机驱动器在150 kHz~30 MHz传导骚扰和30~300 MHz辐射骚扰超标的问题，"
            "总结共模电感、Y电容和开关沿优化的整改方案库，配合近场扫描定位干扰源。已协助60余个型号"
            "一次通过CE/CCC EMC测试，整改成本每台增加不超过1.5元，整改周期由4周缩短至1周。"
        ),
        "confidential_details": (
            "各功率段驱动板的滤波器参数推荐表、近场探头扫描定位流程、"
            "栅极电阻与开关沿优化的经验值及典型整改前后测试数据。"
            "另附典型型号整改前后的EMC测试报告。"
        ),
        "keywords": ["EMC整改", "传导骚扰", "辐射骚扰", "无刷电机驱动", "CE认证", "近场扫描"],
        "tech_field": "high_tech_services",
        "industry_chains": ["home_appliances"],
        "trl": 8,
        "transfer_modes": ["tech_service"],
        "price": "50000.00",
        "status": "published",
        "patents": [_ip("2020", 2, "1635829", "granted", "H02M1/44", "H03H7/01")],
        "auction": None,
    },
    {
        "key": "hz_combined_env_test",
        "owner": "hengzhun_test",
        "title": "汽车电子零部件温湿度振动三综合加速寿命试验方法",
        "abstract": (
            "依据ISO 16750和主机厂企业标准，建立温度、湿度与随机振动三综合加速寿命试验剖面及加速因子计算方法，"
            "可将电子水泵控制器、传感器和连接器的耐久验证周期由1500 h缩短至约500 h，"
            "并通过失效样品的切片与CT分析识别焊点疲劳和密封失效等薄弱环节。"
        ),
        "confidential_details": (
            "三综合试验剖面设计与加速因子推导参数、典型零部件失效物理模型、"
            "夹具设计规范及与实车路谱的等效换算方法。"
            "另附电子水泵控制器的试验验证数据。"
        ),
        "keywords": ["三综合试验", "加速寿命试验", "汽车电子", "振动试验", "可靠性验证"],
        "tech_field": "high_tech_services",
        "industry_chains": ["nev_parts", "optoelectronics"],
        "trl": 7,
        "transfer_modes": ["tech_service"],
        "price": "60000.00",
        "status": "pending_review",
        "patents": [],
        "auction": None,
    },
    {
        "key": "zq_patent_valuation",
        "owner": "zhiqiao_tt",
        "title": "中小企业专利价值快速评估模型及工具",
        "abstract": (
            "基于法律、技术、市场三个维度28项指标和3000余件专利交易案例训练的专利价值评估模型，"
            "可在1个工作日内完成单件专利的价值区间估算和许可费率建议，评估结果与正式资产评估报告的偏差"
            "中位数约18%，适用于专利许可、质押融资和作价入股前的价格谈判。"
        ),
        "confidential_details": (
            "指标权重与评分规则、交易案例库的数据来源与清洗方法、"
            "分行业许可费率基准表及模型校准记录。"
            "另附模型在典型许可与作价入股案例中的验证记录，以及评估报告模板。"
        ),
        "keywords": ["专利价值评估", "许可费率", "作价入股", "质押融资", "技术经纪"],
        "tech_field": "high_tech_services",
        "industry_chains": ["new_materials", "robotics", "optoelectronics", "home_appliances"],
        "trl": 7,
        "transfer_modes": ["license", "tech_service"],
        "price": "60000.00",
        "status": "published",
        "patents": [],
        "auction": None,
    },
]

INDUSTRY_CHAINS = ("new_materials", "optoelectronics", "nev_parts", "robotics", "home_appliances", "molds",
                   "rubber_plastics")  # fmt: skip
TECH_FIELDS = (
    "electronic_information", "biomedicine", "aerospace", "new_materials", "high_tech_services", "new_energy",
    "resources_environment", "advanced_manufacturing",
)  # fmt: skip
TRANSFER_MODES = ("transfer", "license", "equity", "co_development", "tech_service")
STATUSES = ("draft", "pending_review", "published", "transferred")
PATENT_TYPES = tuple(_PATENT_TYPES.values())
LEGAL_STATUSES = ("granted", "pending", "expired")
