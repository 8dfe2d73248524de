"""Demo instruments of the 余姚科技大市场: the large research instruments (大型科研仪器) the demo institutes and service
providers share, with their booking rules, weekly opening hours and priced service items.

Plain Python data, no Django imports. ``seed.py`` reads ``INSTRUMENTS`` and creates or updates the matching
``Instrument``, ``OpeningHours`` and ``ServiceItem`` rows, finding instruments by owner and name; ``owner`` is an
organization ``key`` of ``marketplace/demo/participants.py`` (an institute or service provider) and ``key`` is a
unique slug for the instrument.

Manufacturers and model numbers are real products; every owner's holding, original value (原值), purchase date,
room, contact and phone number, and every price here is invented for demonstration.

``opening_hours`` entries are ``(weekday, "HH:MM", "HH:MM")`` with weekday 0 = Monday; prices are decimal strings in
yuan for the enterprise (企业价), academic (院所价) and internal (内部价) tiers. Run this file to self-check the data.
"""


def _weekly(*windows, days=range(5)):
    """The windows ``("HH:MM", "HH:MM")`` repeated on each of ``days`` (0 = Monday; default Monday to Friday)."""
    return [(day, start, end) for day in days for start, end in windows]


# Common opening windows.
_AM_PM = (("08:30", "12:00"), ("13:30", "17:30"))  # half-hour aligned working day
_AM_PM_H = (("09:00", "12:00"), ("13:00", "17:00"))  # hour-aligned working day
_SAT_AM = [(5, "09:00", "12:00")]  # Saturday morning

INSTRUMENTS = [
    # ================================================================== 宁波阳明工业技术研究院 — 材料分析与精密检测
    {
        "key": "yangming_ct",
        "owner": "yangming",
        "name": "工业CT检测系统",
        "name_en": "Industrial CT system",
        "category": "special_inspection",
        "model_number": "METROTOM 1500 225 kV G3",
        "manufacturer": "卡尔·蔡司(Carl Zeiss)",
        "country": "德国",
        "original_value": "5860000.00",
        "purchase_date": "2021-06-18",
        "building": "精密检测中心A栋",
        "room": "A103",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "对金属铸件、注塑件和电子组件进行三维断层扫描，检测气孔、缩松、裂纹和夹杂等内部缺陷并统计孔隙率；"
            "可做壁厚分析、CAD实测比对和内部尺寸计量，最高管电压225 kV，最小体素约5 μm。"
        ),
        "specs": {
            "射线源": "225 kV / 500 W 微焦点",
            "探测器": "3k × 3k 平板探测器",
            "最大样品尺寸": "Φ350 mm × 550 mm",
            "最大载重": "50 kg",
            "长度测量误差": "MPE_SD = (9 + L/50) μm",
        },
        "sample_requirements": (
            "样品外形不超过Φ350 mm×550 mm、重量≤50 kg；铝合金穿透厚度建议≤80 mm、钢件≤25 mm；"
            "请提供STEP格式CAD模型并标注关注部位，样品表面清洁无油污。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 60,
        "max_duration_minutes": 420,
        "slot_minutes": 30,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 50,
        "contact_name": "戚文杰",
        "contact_phone": "0574-62987716",
        "opening_hours": _weekly(*_AM_PM) + _SAT_AM,
        "service_items": [
            {
                "name": "工业CT断层扫描",
                "unit": "hour",
                "price_enterprise": "1000.00",
                "price_academic": "800.00",
                "price_internal": "500.00",
                "description": "按实际扫描机时计费，含扫描参数优化和原始体数据导出。",
            },
            {
                "name": "缺陷与孔隙率分析报告",
                "unit": "sample",
                "price_enterprise": "600.00",
                "price_academic": "450.00",
                "price_internal": "300.00",
                "description": "VGSTUDIO MAX三维缺陷分析，给出缺陷尺寸分布、位置截图和孔隙率。",
            },
            {
                "name": "CAD比对与壁厚分析",
                "unit": "sample",
                "price_enterprise": "800.00",
                "price_academic": "600.00",
                "price_internal": "400.00",
                "description": "实测模型与CAD色谱偏差比对及壁厚分布分析，出具图文报告。",
            },
        ],
    },
    {
        "key": "yangming_fesem",
        "owner": "yangming",
        "name": "场发射扫描电子显微镜",
        "name_en": "Field-emission scanning electron microscope",
        "category": "analytical",
        "model_number": "JSM-7900F",
        "manufacturer": "日本电子株式会社(JEOL)",
        "country": "日本",
        "original_value": "4280000.00",
        "purchase_date": "2020-09-22",
        "building": "材料分析楼",
        "room": "B201",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "观察金属、陶瓷、高分子及粉体样品的表面形貌与断口特征，配牛津Ultim Max 65能谱仪做微区元素定性定量"
            "与面分布；适用于失效分析、镀层厚度测量和颗粒形貌统计，低电压下可直接观察不导电样品。"
        ),
        "specs": {
            "分辨率": "0.7 nm @ 15 kV；1.0 nm @ 1 kV",
            "放大倍数": "25–1,000,000×",
            "加速电压": "0.01–30 kV",
            "能谱仪": "Oxford Ultim Max 65，元素范围 Be–U",
        },
        "sample_requirements": (
            "块体样品不大于Φ50 mm×20 mm，粉末不少于50 mg；样品须干燥、无磁性、无挥发物；"
            "不导电样品请注明，可喷金或喷碳处理；含水及生物样品需预先脱水。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 45,
        "min_duration_minutes": 60,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "孙佳怡",
        "contact_phone": "0574-62987721",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "SEM形貌观察",
                "unit": "hour",
                "price_enterprise": "600.00",
                "price_academic": "450.00",
                "price_internal": "300.00",
                "description": "二次电子/背散射像观察与拍照，按上机时间计费。",
            },
            {
                "name": "EDS能谱分析",
                "unit": "sample",
                "price_enterprise": "200.00",
                "price_academic": "150.00",
                "price_internal": "100.00",
                "description": "点、线扫描及面分布元素分析，每个样品不超过5个分析区域。",
            },
            {
                "name": "喷金/喷碳制样",
                "unit": "sample",
                "price_enterprise": "50.00",
                "price_academic": "40.00",
                "price_internal": "30.00",
                "description": "不导电样品离子溅射镀金或蒸碳处理。",
            },
        ],
    },
    {
        "key": "yangming_xrd",
        "owner": "yangming",
        "name": "X射线衍射仪",
        "name_en": "X-ray diffractometer",
        "category": "analytical",
        "model_number": "D8 ADVANCE",
        "manufacturer": "布鲁克(Bruker AXS)",
        "country": "德国",
        "original_value": "2150000.00",
        "purchase_date": "2019-05-10",
        "building": "材料分析楼",
        "room": "B105",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "对粉末、块体和薄膜样品进行物相定性与Rietveld定量分析，测定结晶度、晶粒尺寸和晶格常数；"
            "配欧拉环可测残余应力与织构，掠入射模式用于薄膜和镀层物相分析。"
        ),
        "specs": {
            "X射线管": "Cu靶 2.2 kW 陶瓷管",
            "测角仪精度": "≤ 0.01° 2θ",
            "2θ范围": "-110°–168°",
            "探测器": "LYNXEYE XE-T 一维阵列探测器",
        },
        "sample_requirements": (
            "粉末样品不少于0.5 g、粒度过300目；块体样品测试面平整，尺寸不大于50 mm×50 mm×10 mm；"
            "残余应力测试需注明测点位置和方向。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 15,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "孙佳怡",
        "contact_phone": "0574-62987721",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "物相定性分析",
                "unit": "sample",
                "price_enterprise": "300.00",
                "price_academic": "220.00",
                "price_internal": "150.00",
                "description": "常规扫描5°–90°，PDF数据库检索给出主要物相。",
            },
            {
                "name": "残余应力测定",
                "unit": "sample",
                "price_enterprise": "600.00",
                "price_academic": "450.00",
                "price_internal": "300.00",
                "description": "sin²ψ法测定单点两个方向的残余应力。",
            },
        ],
    },
    {
        "key": "yangming_cmm",
        "owner": "yangming",
        "name": "三坐标测量机",
        "name_en": "Coordinate measuring machine",
        "category": "metrology",
        "model_number": "Global S 9.12.8",
        "manufacturer": "海克斯康(Hexagon)",
        "country": "中国",
        "original_value": "1280000.00",
        "purchase_date": "2018-11-06",
        "building": "精密检测中心A栋",
        "room": "A108 恒温室",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "对模具、汽车零部件和精密机加工件进行几何尺寸与形位公差检测，支持PC-DMIS编程、CAD模型比对和"
            "批量自动测量；行程900×1200×800 mm，配HP-S-X1扫描测头可连续扫描测量轮廓度。"
        ),
        "specs": {
            "测量行程": "900 × 1200 × 800 mm",
            "长度示值误差": "MPE_E = 1.5 + L/333 μm",
            "测头": "HP-S-X1H 扫描测头",
            "环境": "20 ± 1 ℃ 恒温室",
            "软件": "PC-DMIS 2023",
        },
        "sample_requirements": (
            "工件重量不超过1000 kg，须清洁去毛刺并在恒温室内放置4小时以上；自主上机须持有本平台上机资格，"
            "自带图纸或三维模型并标明基准。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 120,
        "max_duration_minutes": 420,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "邹晓峰",
        "contact_phone": "0574-62987732",
        "opening_hours": _weekly(*_AM_PM_H) + _SAT_AM,
        "service_items": [
            {
                "name": "三坐标自主上机测量",
                "unit": "hour",
                "price_enterprise": "400.00",
                "price_academic": "300.00",
                "price_internal": "200.00",
                "description": "持证用户自主编程测量，按预约机时计费。",
            },
            {
                "name": "测量程序编制与检测报告",
                "unit": "sample",
                "price_enterprise": "500.00",
                "price_academic": "400.00",
                "price_internal": "250.00",
                "description": "由平台工程师编制PC-DMIS程序并出具全尺寸检测报告。",
            },
        ],
    },
    {
        "key": "yangming_lscm",
        "owner": "yangming",
        "name": "激光共聚焦显微镜",
        "name_en": "Laser scanning confocal microscope",
        "category": "metrology",
        "model_number": "OLS5100",
        "manufacturer": "奥林巴斯(Evident/Olympus)",
        "country": "日本",
        "original_value": "1650000.00",
        "purchase_date": "2022-03-15",
        "building": "精密检测中心A栋",
        "room": "A206",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "以405 nm激光扫描非接触测量表面三维形貌，测量线粗糙度、面粗糙度(ISO 25178)、台阶高度、膜厚及微孔深度；"
            "适用于光学元件、精密模具型腔和镀层表面检测，Z向分辨率达纳米级。"
        ),
        "specs": {
            "激光波长": "405 nm",
            "总放大倍数": "54–17,280×",
            "Z向重复性": "σ ≤ 12 nm (50×物镜)",
            "电动载物台行程": "100 × 100 mm",
        },
        "sample_requirements": (
            "样品高度不超过100 mm、重量不超过5 kg，被测表面清洁干燥；透明样品需说明材质，"
            "大尺寸模具镶件请先联系确认能否上台。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "auto",
        "lead_time_hours": 12,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "邹晓峰",
        "contact_phone": "0574-62987732",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "共聚焦自主上机",
                "unit": "hour",
                "price_enterprise": "350.00",
                "price_academic": "260.00",
                "price_internal": "150.00",
                "description": "持证用户自主测量表面形貌与粗糙度，按机时计费。",
            },
        ],
    },
    {
        "key": "yangming_oes",
        "owner": "yangming",
        "name": "直读光谱仪",
        "name_en": "Spark optical emission spectrometer",
        "category": "analytical",
        "model_number": "SPECTROMAXx",
        "manufacturer": "斯派克分析仪器(SPECTRO)",
        "country": "德国",
        "original_value": "680000.00",
        "purchase_date": "2017-08-24",
        "building": "材料分析楼",
        "room": "B102",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "采用火花激发原子发射光谱快速分析铁基、铝基、铜基等金属材料的化学成分，可测C、Si、Mn、P、S及合金元素"
            "含量，常用于来料牌号鉴定和铸件成分控制，单次测定约30秒。"
        ),
        "specs": {
            "分析基体": "Fe、Al、Cu、Ni、Zn",
            "波长范围": "140–670 nm",
            "检测器": "CMOS+T 多检测器",
            "碳检出限": "≤ 5 ppm (Fe基)",
        },
        "sample_requirements": (
            "块状金属样品激发面直径不小于20 mm、厚度2–60 mm，激发面需车平或磨平；丝材、薄片及粉末不能直接检测。"
        ),
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 4,
        "max_advance_days": 14,
        "min_duration_minutes": 30,
        "max_duration_minutes": 180,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 4,
        "late_cancel_fee_percent": 0,
        "no_show_fee_percent": 20,
        "contact_name": "孙佳怡",
        "contact_phone": "0574-62987721",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "金属化学成分分析",
                "unit": "sample",
                "price_enterprise": "150.00",
                "price_academic": "120.00",
                "price_internal": "80.00",
                "description": "每个样品激发3次取平均值，对照牌号给出判定。",
            },
        ],
    },
    {
        "key": "yangming_wli",
        "owner": "yangming",
        "name": "白光干涉光学轮廓仪",
        "name_en": "White-light interferometric optical profiler",
        "category": "metrology",
        "model_number": "NewView 9000",
        "manufacturer": "Zygo",
        "country": "美国",
        "original_value": "2260000.00",
        "purchase_date": "2023-04-12",
        "building": "精密检测中心A栋",
        "room": "A207",
        "address": "余姚市阳明街道锦凤路58号",
        "capabilities": (
            "基于相干扫描干涉测量光学表面和精密零件的微观形貌，测量亚纳米级表面粗糙度、台阶高度、曲率半径和"
            "微结构尺寸，适合超精密抛光镜片、镀膜基片和MEMS器件检测。"
        ),
        "specs": {
            "垂直分辨率": "0.1 nm",
            "RMS重复性": "0.008 nm",
            "垂直扫描范围": "≤ 20 mm",
            "干涉物镜": "2.75×、10×、50×",
        },
        "sample_requirements": "样品高度不超过100 mm，测试面清洁无指纹和灰尘；超光滑表面请提前说明以便准备隔振条件。",
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 10,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "邹晓峰",
        "contact_phone": "0574-62987732",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "光学轮廓自主上机",
                "unit": "hour",
                "price_enterprise": "500.00",
                "price_academic": "380.00",
                "price_internal": "250.00",
                "description": "持证用户自主测量，含Mx分析软件使用。",
            },
        ],
    },
    # ================================================================== 浙江大学机器人研究院 — 机器人性能检测
    {
        "key": "zju_robot_tracker",
        "owner": "zju_robot",
        "name": "机器人重复定位精度检测系统(激光跟踪仪)",
        "name_en": "Robot positioning accuracy test system (laser tracker)",
        "category": "metrology",
        "model_number": "AT960-MR",
        "manufacturer": "徕卡测量系统(Leica Geosystems)",
        "country": "瑞士",
        "original_value": "1860000.00",
        "purchase_date": "2021-10-20",
        "building": "机器人检测中心",
        "room": "101 试验大厅",
        "address": "余姚市兰江街道舜宇路9号机器人智谷小镇A区",
        "capabilities": (
            "依据GB/T 12642—2013和ISO 9283测试工业机器人位姿准确度与重复性、轨迹准确度、距离准确度和位置稳定时间，"
            "也可用于大尺寸工装标定和机器人运动学参数辨识，测量半径达20 m。"
        ),
        "specs": {
            "测量范围": "直径 40 m (反射球)",
            "空间测量精度": "±(15 μm + 6 μm/m)",
            "采样频率": "1000 Hz",
            "六自由度": "配 T-Mac 实现 6DoF 测量",
        },
        "sample_requirements": (
            "被测机器人须固定安装并可按测试位姿编程运行，末端预留靶球安装位，额定负载不超过500 kg；"
            "可送至本院试验大厅测试，也可上门测试(差旅另计)。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 72,
        "max_advance_days": 90,
        "min_duration_minutes": 120,
        "max_duration_minutes": 420,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 72,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 80,
        "contact_name": "章立辰",
        "contact_phone": "0574-62958810",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "工业机器人重复定位精度测试",
                "unit": "sample",
                "price_enterprise": "6000.00",
                "price_academic": "4800.00",
                "price_internal": "3000.00",
                "description": "单台机器人按GB/T 12642测试位姿准确度与重复性，出具检测报告。",
            },
            {
                "name": "机器人运动学标定",
                "unit": "hour",
                "price_enterprise": "800.00",
                "price_academic": "650.00",
                "price_internal": "450.00",
                "description": "激光跟踪仪采集位姿数据，辨识DH参数并提供补偿结果。",
            },
        ],
    },
    {
        "key": "zju_robot_xl80",
        "owner": "zju_robot",
        "name": "激光干涉仪",
        "name_en": "Laser interferometer",
        "category": "metrology",
        "model_number": "XL-80",
        "manufacturer": "雷尼绍(Renishaw)",
        "country": "英国",
        "original_value": "420000.00",
        "purchase_date": "2016-07-08",
        "building": "机器人检测中心",
        "room": "105",
        "address": "余姚市兰江街道舜宇路9号机器人智谷小镇A区",
        "capabilities": (
            "测量数控机床和直线运动轴的定位精度、重复定位精度、直线度、垂直度及角度误差，按ISO 230-2生成误差补偿表；"
            "配XC-80环境补偿单元，可上门检测机床和机器人直线模组。"
        ),
        "specs": {
            "线性测量精度": "±0.5 ppm",
            "测量距离": "0–80 m",
            "分辨率": "1 nm",
            "动态采样率": "50 kHz",
        },
        "sample_requirements": (
            "被测轴行程不超过40 m，设备需通电并可运行测试程序；上门检测请提供现场电源和温度条件说明。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 120,
        "max_duration_minutes": 420,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "毛俊豪",
        "contact_phone": "0574-62958826",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "机床单轴定位精度检测",
                "unit": "sample",
                "price_enterprise": "1200.00",
                "price_academic": "1000.00",
                "price_internal": "700.00",
                "description": "按单个直线轴计费，含定位精度、重复定位精度和反向间隙。",
            },
            {
                "name": "上门检测",
                "unit": "day",
                "price_enterprise": "3500.00",
                "price_academic": "2800.00",
                "price_internal": "2000.00",
                "description": "余姚市内上门检测，按人天计费，含误差补偿指导。",
            },
        ],
    },
    {
        "key": "zju_robot_mocap",
        "owner": "zju_robot",
        "name": "光学运动捕捉系统",
        "name_en": "Optical motion capture system",
        "category": "other",
        "model_number": "Vantage V16",
        "manufacturer": "Vicon Motion Systems",
        "country": "英国",
        "original_value": "1350000.00",
        "purchase_date": "2022-08-30",
        "building": "机器人检测中心",
        "room": "201 移动机器人试验场",
        "address": "余姚市兰江街道舜宇路9号机器人智谷小镇A区",
        "capabilities": (
            "以12台1600万像素红外相机对移动机器人、机械臂末端和人体动作进行亚毫米级六自由度轨迹捕捉，"
            "用于AGV/AMR导航精度评估、人机协作研究和控制算法验证，采样率最高2000 Hz。"
        ),
        "specs": {
            "相机": "12 × Vantage V16 (1600万像素)",
            "捕捉区域": "12 × 10 × 4 m",
            "定位精度": "≤ 0.5 mm",
            "最高采样率": "2000 Hz",
        },
        "sample_requirements": (
            "被测对象需可粘贴反光标记点，移动机器人最大尺寸不超过2 m×1.5 m，自备遥控或自主导航程序。"
        ),
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 120,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "毛俊豪",
        "contact_phone": "0574-62958826",
        "opening_hours": _weekly(("09:00", "18:00")),
        "service_items": [
            {
                "name": "动捕场地与系统使用",
                "unit": "hour",
                "price_enterprise": "500.00",
                "price_academic": "380.00",
                "price_internal": "200.00",
                "description": "含场地、相机标定和Nexus/Tracker软件使用。",
            },
        ],
    },
    # ================================================================== 宁波市智能制造产业研究院 — 数字孪生与三维检测
    {
        "key": "nbim_twin_ws",
        "owner": "nbim",
        "name": "数字孪生产线仿真工作站",
        "name_en": "Digital-twin production line simulation workstation",
        "category": "computing",
        "model_number": "Precision 7960 Tower",
        "manufacturer": "戴尔(Dell)",
        "country": "美国",
        "original_value": "320000.00",
        "purchase_date": "2024-03-18",
        "building": "智能制造创新园3号楼",
        "room": "402 仿真机房",
        "address": "余姚市阳明街道谭家岭东路399号智能制造创新园3号楼",
        "capabilities": (
            "预装西门子Tecnomatix Plant Simulation与Process Simulate，用于注塑车间和装配线的离散事件仿真、"
            "产能瓶颈分析、AGV物流路径规划和机器人工位虚拟调试，可导入MES历史数据驱动数字孪生模型。"
        ),
        "specs": {
            "处理器": "Intel Xeon w7-3465X 28核",
            "内存": "256 GB DDR5 ECC",
            "显卡": "NVIDIA RTX 5000 Ada 32 GB",
            "软件": "Plant Simulation 2404、Process Simulate",
        },
        "sample_requirements": (
            "自带产线布局图、工艺节拍和设备参数；MES数据请脱敏后以CSV或Excel格式拷入，离机前须清除个人文件。"
        ),
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "self_operated",
        "approval_mode": "auto",
        "lead_time_hours": 2,
        "max_advance_days": 14,
        "min_duration_minutes": 60,
        "max_duration_minutes": 600,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 2,
        "late_cancel_fee_percent": 0,
        "no_show_fee_percent": 20,
        "contact_name": "陆振华",
        "contact_phone": "0574-62960233",
        "opening_hours": [*_weekly(("08:00", "20:00")), (5, "09:00", "17:00")],
        "service_items": [
            {
                "name": "仿真工作站上机",
                "unit": "hour",
                "price_enterprise": "120.00",
                "price_academic": "80.00",
                "price_internal": "50.00",
                "description": "含Plant Simulation与Process Simulate许可使用。",
            },
            {
                "name": "仿真建模技术支持",
                "unit": "hour",
                "price_enterprise": "400.00",
                "price_academic": "320.00",
                "price_internal": "200.00",
                "description": "研究院仿真工程师陪同建模与结果解读。",
            },
        ],
    },
    {
        "key": "nbim_atos",
        "owner": "nbim",
        "name": "光学三维扫描仪",
        "name_en": "Optical 3D scanner",
        "category": "metrology",
        "model_number": "ATOS 5",
        "manufacturer": "卡尔·蔡司GOM(ZEISS GOM Metrology)",
        "country": "德国",
        "original_value": "1580000.00",
        "purchase_date": "2022-11-09",
        "building": "智能制造创新园3号楼",
        "room": "108 测量室",
        "address": "余姚市阳明街道谭家岭东路399号智能制造创新园3号楼",
        "capabilities": (
            "以蓝光条纹投影快速获取注塑件、冲压件和模具型面的全场三维点云，与CAD做色谱偏差比对、截面与GD&T分析，"
            "适用于首件检验、翘曲变形评估和逆向建模，单幅采集1200万点。"
        ),
        "specs": {
            "单幅点数": "1200万点",
            "测量幅面": "100–1000 mm",
            "点间距": "0.03–0.33 mm",
            "软件": "ZEISS INSPECT Optical 3D",
        },
        "sample_requirements": (
            "工件最大尺寸不超过3 m；高反光或透明表面需喷显像剂(可由平台提供)，请同时提供CAD模型和检测基准。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 45,
        "min_duration_minutes": 60,
        "max_duration_minutes": 420,
        "slot_minutes": 60,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "傅晨阳",
        "contact_phone": "0574-62960241",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "三维扫描自主上机",
                "unit": "hour",
                "price_enterprise": "600.00",
                "price_academic": "450.00",
                "price_internal": "300.00",
                "description": "持证用户自主扫描与比对分析，含显像剂耗材。",
            },
            {
                "name": "逆向建模",
                "unit": "sample",
                "price_enterprise": "1500.00",
                "price_academic": "1200.00",
                "price_internal": "800.00",
                "description": "由工程师完成扫描并重构参数化曲面模型，复杂件另议。",
            },
        ],
    },
    # ================================================================== 诺丁汉(余姚)智能电气化研究院 — 电机与电驱测试
    {
        "key": "unnc_emotor_bench",
        "owner": "unnc_elec",
        "name": "电驱动系统对拖测试台",
        "name_en": "E-drive back-to-back dynamometer test bench",
        "category": "physical_property",
        "model_number": "APA 102",
        "manufacturer": "AVL李斯特(AVL List)",
        "country": "奥地利",
        "original_value": "6850000.00",
        "purchase_date": "2023-07-26",
        "building": "中意国际创新中心5号楼",
        "room": "1F 电驱实验室",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
        "capabilities": (
            "对新能源汽车驱动电机及电驱总成进行效率MAP、外特性、峰值与持续功率、堵转和温升试验，"
            "配双向直流电源模拟电池工况和冷却液温控单元，最高转速20000 r/min，额定功率250 kW。"
        ),
        "specs": {
            "额定功率": "250 kW",
            "最高转速": "20,000 r/min",
            "峰值扭矩": "1,000 N·m",
            "直流电源": "800 V / 600 A 双向电源",
            "扭矩测量精度": "±0.05% FS",
        },
        "sample_requirements": (
            "被测电机须提供安装图、额定参数和控制器通信协议(CAN DBC)；自带控制器及线束，"
            "冷却接口为标准快插接头；首次上台需提前一周进行工装适配。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 168,
        "max_advance_days": 120,
        "min_duration_minutes": 240,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 72,
        "late_cancel_fee_percent": 50,
        "no_show_fee_percent": 100,
        "contact_name": "何嘉懿",
        "contact_phone": "0574-62993520",
        "opening_hours": _weekly(("08:00", "12:00"), ("13:00", "18:00")),
        "service_items": [
            {
                "name": "电机效率MAP测试",
                "unit": "hour",
                "price_enterprise": "2200.00",
                "price_academic": "1800.00",
                "price_internal": "1200.00",
                "description": "按台架占用时间计费，含数据采集与效率MAP绘制。",
            },
            {
                "name": "温升与耐久试验",
                "unit": "day",
                "price_enterprise": "15000.00",
                "price_academic": "12000.00",
                "price_internal": "8000.00",
                "description": "按试验日计费，含冷却系统和高压电源运行费用。",
            },
        ],
    },
    {
        "key": "unnc_hysteresis_dyno",
        "owner": "unnc_elec",
        "name": "电机测功机(磁滞)",
        "name_en": "Hysteresis motor dynamometer",
        "category": "physical_property",
        "model_number": "HD-815-8NA",
        "manufacturer": "Magtrol",
        "country": "美国",
        "original_value": "560000.00",
        "purchase_date": "2019-12-03",
        "building": "中意国际创新中心5号楼",
        "room": "2F 电机实验室",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
        "capabilities": (
            "以磁滞测功机测试家电电机、无刷直流电机和微特电机的转矩-转速特性、效率、输入输出功率和堵转性能，"
            "配DSP7001控制器自动绘制T-N曲线，适合吸尘器、风扇和水泵电机研发。"
        ),
        "specs": {
            "额定扭矩": "6.2 N·m",
            "最高转速": "25,000 r/min",
            "控制器": "DSP7001 高速控制器",
            "扭矩精度": "±0.25% FS",
        },
        "sample_requirements": "电机轴径3–14 mm，需提供安装法兰图；电机驱动器及电源自备，额定功率不超过1.5 kW。",
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 360,
        "slot_minutes": 30,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "郑子航",
        "contact_phone": "0574-62993536",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "测功机自主上机",
                "unit": "hour",
                "price_enterprise": "300.00",
                "price_academic": "220.00",
                "price_internal": "150.00",
                "description": "持证用户自主测试，含联轴器和常用法兰工装。",
            },
        ],
    },
    {
        "key": "unnc_wt5000",
        "owner": "unnc_elec",
        "name": "高精度功率分析仪",
        "name_en": "Precision power analyzer",
        "category": "electronic_measurement",
        "model_number": "WT5000",
        "manufacturer": "横河电机(Yokogawa)",
        "country": "日本",
        "original_value": "620000.00",
        "purchase_date": "2021-04-14",
        "building": "中意国际创新中心5号楼",
        "room": "2F 电机实验室",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
        "capabilities": (
            "七通道同步测量逆变器、电机及充电机的输入输出功率、效率、谐波和功率因数，基本功率精度±0.03%，"
            "可与测功机联动采集电机效率，也用于家电待机功耗和能效等级测试。"
        ),
        "specs": {
            "功率精度": "±0.03% 读数",
            "输入通道": "7 通道",
            "测量带宽": "DC, 0.1 Hz–10 MHz",
            "电流量程": "直接输入 5 A / 30 A",
        },
        "sample_requirements": (
            "被测回路电压不超过1000 V，单通道直接输入电流不超过30 A，大电流需使用平台电流传感器并提前说明。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "auto",
        "lead_time_hours": 12,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "郑子航",
        "contact_phone": "0574-62993536",
        "opening_hours": _weekly(("08:30", "17:30")),
        "service_items": [
            {
                "name": "功率分析仪使用",
                "unit": "hour",
                "price_enterprise": "150.00",
                "price_academic": "110.00",
                "price_internal": "80.00",
                "description": "按机时计费，含电流传感器和数据记录软件。",
            },
            {
                "name": "功率分析仪整日使用",
                "unit": "day",
                "price_enterprise": "800.00",
                "price_academic": "600.00",
                "price_internal": "400.00",
                "description": "整日(8小时)包用优惠。",
            },
        ],
    },
    {
        "key": "unnc_double_pulse",
        "owner": "unnc_elec",
        "name": "功率器件动态参数测试系统(双脉冲)",
        "name_en": "Power device dynamic characterization system (double pulse)",
        "category": "electronic_measurement",
        "model_number": "PD1500A",
        "manufacturer": "是德科技(Keysight)",
        "country": "美国",
        "original_value": "2650000.00",
        "purchase_date": "2024-05-20",
        "building": "中意国际创新中心5号楼",
        "room": "3F 电力电子实验室",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
        "capabilities": (
            "采用双脉冲法测试SiC MOSFET、GaN HEMT和IGBT的开关特性，获得开通/关断能量、开关时间、反向恢复电荷和dv/dt，"
            "支持高温夹具，为碳化硅逆变器选型和驱动电路设计提供数据。"
        ),
        "specs": {
            "最大电压": "1200 V",
            "最大电流": "200 A",
            "测试温度": "25–175 ℃",
            "适配封装": "TO-247、D2PAK、半桥模块",
        },
        "sample_requirements": "每种器件至少提供3只样品并附规格书；模块样品需提供引脚定义，特殊封装夹具需另行定制。",
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 72,
        "max_advance_days": 60,
        "min_duration_minutes": 120,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 50,
        "contact_name": "何嘉懿",
        "contact_phone": "0574-62993520",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "双脉冲动态参数测试",
                "unit": "sample",
                "price_enterprise": "1500.00",
                "price_academic": "1200.00",
                "price_internal": "800.00",
                "description": "单只器件常温下三个电流点的开关参数测试并出具报告。",
            },
            {
                "name": "高温动态参数测试",
                "unit": "sample",
                "price_enterprise": "2200.00",
                "price_academic": "1800.00",
                "price_internal": "1200.00",
                "description": "在125 ℃和175 ℃下重复测试，比较开关损耗温度特性。",
            },
        ],
    },
    {
        "key": "unnc_acoustic_camera",
        "owner": "unnc_elec",
        "name": "噪声测试声学相机",
        "name_en": "Acoustic camera for noise source localization",
        "category": "physical_property",
        "model_number": "Nor848A-10",
        "manufacturer": "Norsonic",
        "country": "挪威",
        "original_value": "980000.00",
        "purchase_date": "2020-10-12",
        "building": "中意国际创新中心5号楼",
        "room": "1F 半消声室",
        "address": "余姚市阳明街道丰山路66号中意国际创新中心5号楼",
        "capabilities": (
            "通过256通道麦克风阵列对电机、家电整机和汽车零部件进行噪声源定位成像，结合声压级、频谱和阶次分析"
            "诊断啸叫、异响和电磁噪声来源，频率范围100 Hz–20 kHz，可在半消声室或现场使用。"
        ),
        "specs": {
            "麦克风通道": "256",
            "频率范围": "100 Hz–20 kHz",
            "阵列直径": "1.0 m",
            "半消声室背景噪声": "≤ 18 dB(A)",
        },
        "sample_requirements": (
            "样品可在半消声室内通电运行，整机尺寸不超过1.5 m×1.5 m×1.5 m；请说明关注的工况和异常噪声现象。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "郑子航",
        "contact_phone": "0574-62993536",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "半消声室噪声测试",
                "unit": "hour",
                "price_enterprise": "600.00",
                "price_academic": "480.00",
                "price_internal": "300.00",
                "description": "声功率、声压级和声学相机成像测试，按机时计费。",
            },
            {
                "name": "NVH问题诊断报告",
                "unit": "sample",
                "price_enterprise": "2000.00",
                "price_academic": "1600.00",
                "price_internal": "1000.00",
                "description": "结合阶次与频谱分析定位噪声源并给出改进建议。",
            },
        ],
    },
    # ================================================================== 宁波舜安人工智能研究院 — 视觉与语音
    {
        "key": "shunan_vision_gpu",
        "owner": "shunan_ai",
        "name": "视觉缺陷检测算法训练平台(GPU服务器)",
        "name_en": "Visual defect detection training platform (GPU server)",
        "category": "computing",
        "model_number": "NF5468M6",
        "manufacturer": "浪潮(Inspur)",
        "country": "中国",
        "original_value": "1360000.00",
        "purchase_date": "2023-02-15",
        "building": "人工智能产业园B座",
        "room": "B301 机房",
        "address": "余姚市凤山街道城东北路128号人工智能产业园B座",
        "capabilities": (
            "8卡GPU服务器，预装PyTorch、MMDetection和舜安工业视觉标注平台，供企业用自有产线图像训练表面缺陷检测、"
            "分割和OCR模型，支持小样本增强与剪枝量化，可导出ONNX/TensorRT部署到边缘工控机。"
        ),
        "specs": {
            "GPU": "8 × NVIDIA A40 48 GB",
            "CPU": "2 × Intel Xeon Gold 6338",
            "内存": "1 TB DDR4",
            "存储": "4 × 3.84 TB NVMe SSD",
        },
        "sample_requirements": "图像数据需脱敏后上传至隔离存储区，单项目不超过2 TB；训练结束后7天内数据自动清除。",
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "auto",
        "lead_time_hours": 1,
        "max_advance_days": 14,
        "min_duration_minutes": 60,
        "max_duration_minutes": 720,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 2,
        "late_cancel_fee_percent": 0,
        "no_show_fee_percent": 10,
        "contact_name": "任思远",
        "contact_phone": "0574-62976618",
        "opening_hours": _weekly(("08:00", "22:00"), days=range(7)),
        "service_items": [
            {
                "name": "8卡GPU节点机时",
                "unit": "hour",
                "price_enterprise": "80.00",
                "price_academic": "60.00",
                "price_internal": "40.00",
                "description": "独占整机8卡，按预约机时计费。",
            },
            {
                "name": "8卡GPU节点包天",
                "unit": "day",
                "price_enterprise": "1200.00",
                "price_academic": "900.00",
                "price_internal": "600.00",
                "description": "当日开放时段内独占整机。",
            },
        ],
    },
    {
        "key": "shunan_voice_test",
        "owner": "shunan_ai",
        "name": "语音交互测试系统(人工头)",
        "name_en": "Voice interaction test system (artificial head)",
        "category": "electronic_measurement",
        "model_number": "HMS II.3",
        "manufacturer": "HEAD acoustics",
        "country": "德国",
        "original_value": "860000.00",
        "purchase_date": "2022-06-28",
        "building": "人工智能产业园B座",
        "room": "B108 消声室",
        "address": "余姚市凤山街道城东北路128号人工智能产业园B座",
        "capabilities": (
            "在消声环境下用人工头和人工嘴模拟真实用户，配合背景噪声回放测试家电与车载语音模组的唤醒率、误唤醒率、"
            "识别率和响应时间，并测量麦克风频响和回声消除效果。"
        ),
        "specs": {
            "人工头": "HMS II.3 (符合 ITU-T P.58)",
            "前端": "labCORE 模块化前端",
            "背景噪声模拟": "8 通道回放",
            "分析软件": "ACQUA",
        },
        "sample_requirements": (
            "提供可独立供电的语音模组或整机及命令词表，样品需能输出识别结果日志；车载样品请提供接线说明。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 45,
        "min_duration_minutes": 120,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "冯雨萌",
        "contact_phone": "0574-62976627",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "语音唤醒与识别率测试",
                "unit": "sample",
                "price_enterprise": "2500.00",
                "price_academic": "2000.00",
                "price_internal": "1200.00",
                "description": "单个样品在安静、家居和车内三种噪声场景下测试并出具报告。",
            },
        ],
    },
    # ================================================================== 余姚市光电信息产业创新研究院 — 光学检测与镀膜
    {
        "key": "yyoe_mtf",
        "owner": "yy_oe_inst",
        "name": "光学传递函数MTF测试仪",
        "name_en": "MTF tester",
        "category": "metrology",
        "model_number": "ImageMaster HR",
        "manufacturer": "全欧光学(TRIOPTICS)",
        "country": "德国",
        "original_value": "2450000.00",
        "purchase_date": "2020-08-19",
        "building": "智能光电小镇创新大楼",
        "room": "605 光学检测室",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
        "capabilities": (
            "测量车载、安防和手机镜头的轴上及离轴MTF、场曲、畸变、有效焦距和后截距，支持可见光与近红外波段、"
            "有限与无限共轭测试，视场±90°，用于镜头研发验证和来料抽检。"
        ),
        "specs": {
            "光谱范围": "400–1000 nm",
            "MTF测量精度": "±0.02 (轴上)",
            "视场角": "±90°",
            "空间频率": "0–500 lp/mm",
        },
        "sample_requirements": (
            "镜头需带标准接口(M12、C口或提供转接件)，口径不超过60 mm；请注明设计焦距、像高和目标空间频率。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 45,
        "min_duration_minutes": 60,
        "max_duration_minutes": 360,
        "slot_minutes": 30,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "钱若琳",
        "contact_phone": "0574-62935072",
        "opening_hours": _weekly(*_AM_PM) + _SAT_AM,
        "service_items": [
            {
                "name": "镜头MTF测试",
                "unit": "sample",
                "price_enterprise": "300.00",
                "price_academic": "240.00",
                "price_internal": "150.00",
                "description": "单只镜头轴上及四个视场点MTF曲线测试。",
            },
            {
                "name": "MTF包时测试",
                "unit": "hour",
                "price_enterprise": "800.00",
                "price_academic": "650.00",
                "price_internal": "450.00",
                "description": "批量抽检或离焦、温度特性等定制测试按机时计费。",
            },
        ],
    },
    {
        "key": "yyoe_spectrophotometer",
        "owner": "yy_oe_inst",
        "name": "紫外-可见-近红外分光光度计",
        "name_en": "UV-Vis-NIR spectrophotometer",
        "category": "analytical",
        "model_number": "Cary 7000",
        "manufacturer": "安捷伦(Agilent)",
        "country": "澳大利亚",
        "original_value": "1450000.00",
        "purchase_date": "2021-09-09",
        "building": "智能光电小镇创新大楼",
        "room": "603 镀膜光谱室",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
        "capabilities": (
            "配全能测量附件(UMA)测量光学镀膜、滤光片和镜片在175–3300 nm范围的绝对反射率与透过率，入射角5°–85°可变"
            "并可测偏振特性，用于增透膜、红外截止滤光片和窗口片性能验证。"
        ),
        "specs": {
            "波长范围": "175–3300 nm",
            "光度准确度": "±0.0003 Abs",
            "入射角": "5°–85° 可变",
            "紫外-可见分辨率": "≤ 0.048 nm",
        },
        "sample_requirements": (
            "平面样品尺寸10–100 mm、厚度不超过15 mm，测试面清洁无划伤；曲面镜片仅可测透过率，请注明曲率半径。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 12,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "潘思琪",
        "contact_phone": "0574-62935081",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "透过率/反射率光谱测试",
                "unit": "sample",
                "price_enterprise": "200.00",
                "price_academic": "150.00",
                "price_internal": "100.00",
                "description": "单一入射角下全波段光谱测试，提供原始数据和曲线。",
            },
            {
                "name": "变角度与偏振光谱测试",
                "unit": "sample",
                "price_enterprise": "450.00",
                "price_academic": "350.00",
                "price_internal": "220.00",
                "description": "最多5个入射角，含S/P偏振分量。",
            },
        ],
    },
    {
        "key": "yyoe_interferometer",
        "owner": "yy_oe_inst",
        "name": "激光平面干涉仪",
        "name_en": "Laser Fizeau interferometer",
        "category": "metrology",
        "model_number": "Verifire HD",
        "manufacturer": "Zygo",
        "country": "美国",
        "original_value": "1980000.00",
        "purchase_date": "2019-03-28",
        "building": "智能光电小镇创新大楼",
        "room": "605 光学检测室",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
        "capabilities": (
            "以4英寸口径斐索干涉测量平面、球面镜片和棱镜的面形误差PV、RMS、Power及局部斜率，配标准球面镜头可测"
            "曲率半径，适用于精密光学元件加工过程检验和来料检测。"
        ),
        "specs": {
            "测量口径": "4 英寸 (102 mm)",
            "激光波长": "632.8 nm",
            "RMS重复性": "< λ/10000",
            "相机分辨率": "1200 × 1200",
        },
        "sample_requirements": "被测元件口径不超过100 mm，表面抛光且清洁；球面元件请提供设计曲率半径以便选配标准镜头。",
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 10,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "钱若琳",
        "contact_phone": "0574-62935072",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "面形误差检测",
                "unit": "sample",
                "price_enterprise": "300.00",
                "price_academic": "220.00",
                "price_internal": "150.00",
                "description": "单个光学面PV/RMS/Power测试，提供干涉图和面形图。",
            },
        ],
    },
    {
        "key": "yyoe_fs_laser",
        "owner": "yy_oe_inst",
        "name": "飞秒激光微加工系统",
        "name_en": "Femtosecond laser micromachining system",
        "category": "laser",
        "model_number": "PHAROS PH2-20W",
        "manufacturer": "Light Conversion",
        "country": "立陶宛",
        "original_value": "2200000.00",
        "purchase_date": "2022-12-01",
        "building": "智能光电小镇创新大楼",
        "room": "108 激光加工室",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
        "capabilities": (
            "以飞秒激光对玻璃、蓝宝石、陶瓷和金属薄片进行无热影响的精密切割、打孔和表面微结构加工，"
            "可制作衍射光学结构与减反微纳纹理，最小线宽约5 μm，配振镜与五轴运动平台。"
        ),
        "specs": {
            "中心波长": "1030 nm (可倍频至 515/343 nm)",
            "脉冲宽度": "< 290 fs",
            "平均功率": "20 W",
            "重复频率": "单脉冲–1 MHz",
        },
        "sample_requirements": (
            "工件尺寸不超过150 mm×150 mm、厚度不超过5 mm；请提供DXF加工图形和工艺要求，易燃材料不予加工。"
        ),
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 20,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 50,
        "contact_name": "潘思琪",
        "contact_phone": "0574-62935081",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "飞秒激光微加工",
                "unit": "hour",
                "price_enterprise": "1200.00",
                "price_academic": "900.00",
                "price_internal": "600.00",
                "description": "含工艺参数调试，按加工机时计费。",
            },
        ],
    },
    {
        "key": "yyoe_coater",
        "owner": "yy_oe_inst",
        "name": "光学真空镀膜机",
        "name_en": "Optical vacuum coating system",
        "category": "process_test",
        "model_number": "OTFC-1300",
        "manufacturer": "光驰(Optorun)",
        "country": "日本",
        "original_value": "6500000.00",
        "purchase_date": "2017-05-16",
        "building": "智能光电小镇创新大楼",
        "room": "102 镀膜洁净间",
        "address": "余姚市兰江街道光电路188号智能光电小镇创新大楼",
        "capabilities": (
            "以电子束蒸发结合离子源辅助沉积制备增透膜、红外截止膜、分光膜和高反膜，光学与晶振双重膜厚监控，"
            "伞架直径1300 mm，适用于镜头镜片和滤光片小批量打样与工艺开发。"
        ),
        "specs": {
            "镀膜室": "Φ1300 mm",
            "蒸发源": "2 × 电子枪 + 电阻蒸发",
            "离子源": "RF 离子源 (IAD)",
            "膜厚监控": "光学监控 + 晶振监控",
        },
        "sample_requirements": (
            "基片须清洗干净并用无尘包装送样，直径不超过80 mm；请提供膜系设计或光谱指标要求，每炉至少附2片陪镀片。"
        ),
        "status": "maintenance",
        "voucher_eligible": False,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 120,
        "max_advance_days": 90,
        "min_duration_minutes": 240,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 72,
        "late_cancel_fee_percent": 50,
        "no_show_fee_percent": 100,
        "contact_name": "钱若琳",
        "contact_phone": "0574-62935072",
        "opening_hours": _weekly(("08:00", "12:00"), ("13:00", "17:00")),
        "service_items": [
            {
                "name": "单炉镀膜打样",
                "unit": "sample",
                "price_enterprise": "6000.00",
                "price_academic": "5000.00",
                "price_internal": "3500.00",
                "description": "按炉次计费，常规增透膜或截止膜，含陪镀片光谱测试。",
            },
        ],
    },
    # ================================================================== 余姚市模具与高分子材料研究院 — 模流与材料测试
    {
        "key": "yypm_moldflow_ws",
        "owner": "yy_polymer",
        "name": "注塑模流分析工作站",
        "name_en": "Injection molding simulation workstation (Moldflow)",
        "category": "computing",
        "model_number": "Z8 Fury G5",
        "manufacturer": "惠普(HP)",
        "country": "美国",
        "original_value": "460000.00",
        "purchase_date": "2023-09-12",
        "building": "模具技术中心",
        "room": "305 CAE机房",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "运行Autodesk Moldflow Insight Premium进行注塑充填、保压、冷却与翘曲分析，可模拟热流道、随形冷却水路、"
            "气辅与双色成型，预测熔接痕、气穴和缩痕位置，为浇口与冷却方案优化提供依据。"
        ),
        "specs": {
            "软件": "Moldflow Insight Premium 2024",
            "处理器": "Intel Xeon w9-3475X 36核",
            "内存": "512 GB DDR5 ECC",
            "显卡": "NVIDIA RTX A6000 48 GB",
        },
        "sample_requirements": (
            "自带产品STEP模型、材料牌号和成型工艺参数；使用者须完成Moldflow上机培训，结果文件离机前自行拷贝。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "auto",
        "lead_time_hours": 4,
        "max_advance_days": 21,
        "min_duration_minutes": 60,
        "max_duration_minutes": 720,
        "slot_minutes": 60,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 4,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 20,
        "contact_name": "徐海峰",
        "contact_phone": "0574-62948835",
        "opening_hours": [*_weekly(("08:00", "20:00")), (5, "08:00", "12:00")],
        "service_items": [
            {
                "name": "模流工作站上机",
                "unit": "hour",
                "price_enterprise": "150.00",
                "price_academic": "100.00",
                "price_internal": "60.00",
                "description": "含Moldflow Insight许可和材料数据库使用。",
            },
            {
                "name": "模流分析报告(工程师完成)",
                "unit": "sample",
                "price_enterprise": "3500.00",
                "price_academic": "2800.00",
                "price_internal": "1800.00",
                "description": "单个产品一模一腔充填、保压、冷却和翘曲分析，含优化建议。",
            },
        ],
    },
    {
        "key": "yypm_ftir",
        "owner": "yy_polymer",
        "name": "傅里叶变换红外光谱仪",
        "name_en": "FTIR spectrometer",
        "category": "analytical",
        "model_number": "Nicolet iS50",
        "manufacturer": "赛默飞世尔(Thermo Fisher Scientific)",
        "country": "美国",
        "original_value": "620000.00",
        "purchase_date": "2018-06-27",
        "building": "高分子材料测试中心",
        "room": "204",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "通过中红外透射和ATR全反射测定塑料、橡胶、胶黏剂及涂层的分子结构，用于未知材料定性鉴别、共混组分判断"
            "和老化氧化程度分析，配显微红外可分析50 μm级异物和污染点。"
        ),
        "specs": {
            "光谱范围": "7800–350 cm⁻¹",
            "最高分辨率": "优于 0.09 cm⁻¹",
            "信噪比": "55,000:1 (1分钟扫描)",
            "附件": "金刚石ATR、Nicolet iN10 显微红外",
        },
        "sample_requirements": (
            "固体样品不小于5 mm×5 mm，液体不少于1 mL，粉末不少于50 mg；异物分析请圈出目标区域并避免二次污染。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 12,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 180,
        "slot_minutes": 15,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "吴静怡",
        "contact_phone": "0574-62948847",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "红外光谱定性分析",
                "unit": "sample",
                "price_enterprise": "150.00",
                "price_academic": "120.00",
                "price_internal": "80.00",
                "description": "ATR或透射法采谱并进行谱库检索。",
            },
            {
                "name": "显微红外异物分析",
                "unit": "sample",
                "price_enterprise": "400.00",
                "price_academic": "300.00",
                "price_internal": "200.00",
                "description": "单个样品不超过3个异物点的显微红外分析。",
            },
        ],
    },
    {
        "key": "yypm_dsc",
        "owner": "yy_polymer",
        "name": "差示扫描量热仪",
        "name_en": "Differential scanning calorimeter",
        "category": "analytical",
        "model_number": "DSC 214 Polyma",
        "manufacturer": "耐驰(NETZSCH)",
        "country": "德国",
        "original_value": "520000.00",
        "purchase_date": "2020-11-18",
        "building": "高分子材料测试中心",
        "room": "206 热分析室",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "测定塑料和橡胶的玻璃化转变温度、熔点、结晶温度、结晶度、比热容及氧化诱导期(OIT)，用于改性料批次一致性"
            "判断、回料比例评估和成型工艺温度设定，温度范围-170–600 ℃。"
        ),
        "specs": {
            "温度范围": "-170–600 ℃",
            "升降温速率": "0.001–500 K/min",
            "灵敏度": "< 0.1 μW",
            "气氛": "N₂、O₂、空气",
        },
        "sample_requirements": (
            "每个样品5–10 mg，颗粒、薄片或粉末均可；含卤阻燃或易分解样品须注明，最高测试温度不超过分解温度。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 30,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 30,
        "contact_name": "吴静怡",
        "contact_phone": "0574-62948847",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "DSC热分析",
                "unit": "sample",
                "price_enterprise": "300.00",
                "price_academic": "240.00",
                "price_internal": "150.00",
                "description": "升温-降温-二次升温程序，给出Tg、Tm、Tc和结晶度。",
            },
            {
                "name": "氧化诱导期(OIT)测试",
                "unit": "sample",
                "price_enterprise": "350.00",
                "price_academic": "280.00",
                "price_internal": "180.00",
                "description": "按GB/T 19466.6测定等温氧化诱导时间。",
            },
        ],
    },
    {
        "key": "yypm_instron",
        "owner": "yy_polymer",
        "name": "电子万能材料试验机",
        "name_en": "Universal testing machine",
        "category": "physical_property",
        "model_number": "5967",
        "manufacturer": "英斯特朗(Instron)",
        "country": "美国",
        "original_value": "680000.00",
        "purchase_date": "2019-04-02",
        "building": "高分子材料测试中心",
        "room": "108 力学室",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "按GB/T 1040、ISO 527、ASTM D638等标准测试塑料、橡胶、薄膜和复合材料的拉伸、压缩、弯曲和剥离性能，"
            "配非接触视频引伸计测模量与断裂伸长率，最大载荷30 kN，配-70–250 ℃环境箱。"
        ),
        "specs": {
            "最大载荷": "30 kN",
            "载荷精度": "±0.5% 示值",
            "横梁速度": "0.001–1000 mm/min",
            "引伸计": "AVE 2 非接触视频引伸计",
            "环境箱": "-70–250 ℃",
        },
        "sample_requirements": (
            "试样按相应标准制备(如ISO 527-2 1A型哑铃样条)，每组不少于5根；高低温试验需提前预约环境箱。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 30,
        "buffer_minutes": 10,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "吴静怡",
        "contact_phone": "0574-62948847",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "万能试验机自主上机",
                "unit": "hour",
                "price_enterprise": "300.00",
                "price_academic": "220.00",
                "price_internal": "150.00",
                "description": "常温拉伸、压缩、弯曲试验，含常用夹具。",
            },
            {
                "name": "高低温力学试验",
                "unit": "hour",
                "price_enterprise": "450.00",
                "price_academic": "350.00",
                "price_internal": "250.00",
                "description": "使用环境箱，含液氮消耗。",
            },
        ],
    },
    {
        "key": "yypm_cone",
        "owner": "yy_polymer",
        "name": "锥形量热仪",
        "name_en": "Cone calorimeter",
        "category": "physical_property",
        "model_number": "iCone Classic",
        "manufacturer": "Fire Testing Technology (FTT)",
        "country": "英国",
        "original_value": "980000.00",
        "purchase_date": "2021-02-24",
        "building": "高分子材料测试中心",
        "room": "110 燃烧实验室",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "按ISO 5660-1测定阻燃塑料、橡胶及复合材料在设定辐射热流下的热释放速率、总放热量、点燃时间、"
            "质量损失速率和产烟量，评价无卤阻燃配方效果，辐射热流0–100 kW/m²。"
        ),
        "specs": {
            "辐射热流": "0–100 kW/m²",
            "试样尺寸": "100 × 100 mm，厚度 ≤ 50 mm",
            "氧分析仪": "顺磁氧分析仪 0–25%",
            "测试标准": "ISO 5660-1、ASTM E1354",
        },
        "sample_requirements": "每组提供3块100 mm×100 mm平板试样，厚度3–50 mm，送样前在23 ℃、50%RH下状态调节48小时。",
        "status": "maintenance",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 120,
        "max_duration_minutes": 360,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 50,
        "contact_name": "吴静怡",
        "contact_phone": "0574-62948847",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "锥形量热测试",
                "unit": "sample",
                "price_enterprise": "1500.00",
                "price_academic": "1200.00",
                "price_internal": "800.00",
                "description": "每组3块试样，单一辐射热流，给出HRR、THR、TTI和产烟数据。",
            },
        ],
    },
    {
        "key": "yypm_slm",
        "owner": "yy_polymer",
        "name": "金属3D打印机(SLM)",
        "name_en": "Metal 3D printer (selective laser melting)",
        "category": "process_test",
        "model_number": "EOS M 290",
        "manufacturer": "易欧司(EOS)",
        "country": "德国",
        "original_value": "4600000.00",
        "purchase_date": "2022-05-19",
        "building": "模具技术中心",
        "room": "102 增材制造车间",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "以选区激光熔化成形模具钢、不锈钢、铝合金和钛合金零件，重点用于带随形冷却水路的注塑模具镶件打印，"
            "可明显缩短冷却时间；成形尺寸250×250×325 mm，致密度不低于99.5%。"
        ),
        "specs": {
            "成形尺寸": "250 × 250 × 325 mm",
            "激光器": "400 W 光纤激光",
            "层厚": "20–80 μm",
            "可用材料": "MS1模具钢、316L、AlSi10Mg、Ti6Al4V",
        },
        "sample_requirements": (
            "提供STL或STEP模型及材料要求，水路最小直径不小于3 mm，"
            "悬垂角度小于45°处需加支撑；打印件需后续热处理和精加工。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 120,
        "max_advance_days": 90,
        "min_duration_minutes": 240,
        "max_duration_minutes": 600,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 72,
        "late_cancel_fee_percent": 40,
        "no_show_fee_percent": 100,
        "contact_name": "徐海峰",
        "contact_phone": "0574-62948835",
        "opening_hours": _weekly(("08:00", "18:00")),
        "service_items": [
            {
                "name": "SLM金属打印机时",
                "unit": "hour",
                "price_enterprise": "380.00",
                "price_academic": "320.00",
                "price_internal": "240.00",
                "description": "按成形机时计费，金属粉末按实际消耗另计。",
            },
            {
                "name": "去支撑与去应力热处理",
                "unit": "sample",
                "price_enterprise": "800.00",
                "price_academic": "650.00",
                "price_internal": "450.00",
                "description": "线切割分离基板、去支撑及真空去应力退火。",
            },
        ],
    },
    {
        "key": "yypm_sigma300",
        "owner": "yy_polymer",
        "name": "场发射扫描电镜",
        "name_en": "Field-emission scanning electron microscope",
        "category": "analytical",
        "model_number": "Sigma 300",
        "manufacturer": "卡尔·蔡司(Carl Zeiss)",
        "country": "德国",
        "original_value": "3150000.00",
        "purchase_date": "2019-09-06",
        "building": "高分子材料测试中心",
        "room": "201 电镜室",
        "address": "余姚市低塘街道模具城南路21号",
        "capabilities": (
            "用于高分子材料断口、填料与纤维分散、发泡孔结构及注塑件表面缺陷的形貌观察，Inlens二次电子探头"
            "可在低电压下直接观察不导电样品，配能谱仪做异物和污染物元素分析。"
        ),
        "specs": {
            "分辨率": "1.2 nm @ 15 kV；2.2 nm @ 1 kV",
            "放大倍数": "10–1,000,000×",
            "加速电压": "0.02–30 kV",
            "能谱仪": "Bruker XFlash 6|30",
        },
        "sample_requirements": (
            "样品尺寸不大于Φ30 mm×15 mm，须干燥无挥发；橡胶和含增塑剂样品需先真空干燥，脆断样品请液氮淬断后送样。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 15,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "吴静怡",
        "contact_phone": "0574-62948847",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "扫描电镜自主上机",
                "unit": "hour",
                "price_enterprise": "500.00",
                "price_academic": "380.00",
                "price_internal": "250.00",
                "description": "持证用户自主观察，含能谱分析。",
            },
            {
                "name": "喷金制样",
                "unit": "sample",
                "price_enterprise": "50.00",
                "price_academic": "40.00",
                "price_internal": "30.00",
                "description": "离子溅射镀金，每个样品台计一次。",
            },
        ],
    },
    # ================================================================== 余姚市工业设计研究院 — 手板打印
    {
        "key": "yyid_polyjet",
        "owner": "yy_design",
        "name": "彩色多材料3D打印机",
        "name_en": "Full-color multi-material 3D printer",
        "category": "process_test",
        "model_number": "J850 Pro",
        "manufacturer": "斯特塔西(Stratasys)",
        "country": "以色列",
        "original_value": "1650000.00",
        "purchase_date": "2022-10-14",
        "building": "工业设计中心",
        "room": "107 手板工坊",
        "address": "余姚市凤山街道世南西路56号工业设计中心",
        "capabilities": (
            "以PolyJet喷射技术打印全彩、透明与软硬复合材料手板，层厚最小14 μm，可一次成型外观件、按键和透明灯罩，"
            "用于家电外观评审、CMF方案验证和装配验证，最多同时装载7种材料。"
        ),
        "specs": {
            "成形尺寸": "490 × 390 × 200 mm",
            "层厚": "14–27 μm",
            "同时装载材料": "7 种",
            "色彩": "超过 50 万种颜色",
        },
        "sample_requirements": (
            "提供STL、3MF或OBJ模型，全彩模型需附贴图；最小壁厚不小于1 mm，单件尺寸超出成形空间需拆件。"
        ),
        "status": "active",
        "voucher_eligible": False,
        "booking_mode": "self_operated",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 60,
        "max_duration_minutes": 540,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "邵一鸣",
        "contact_phone": "0574-62916642",
        "opening_hours": _weekly(("08:00", "18:00")) + _SAT_AM,
        "service_items": [
            {
                "name": "PolyJet打印机时",
                "unit": "hour",
                "price_enterprise": "200.00",
                "price_academic": "150.00",
                "price_internal": "100.00",
                "description": "按打印机时计费，光敏树脂材料按克另计。",
            },
            {
                "name": "去支撑与表面后处理",
                "unit": "sample",
                "price_enterprise": "100.00",
                "price_academic": "80.00",
                "price_internal": "50.00",
                "description": "水刀去支撑及透明件抛光。",
            },
        ],
    },
    # ================================================================== 余姚市衡准检测技术有限公司 — EMC与环境可靠性
    {
        "key": "hz_emc_chamber",
        "owner": "hengzhun_test",
        "name": "电磁兼容测试系统(3m法电波暗室)",
        "name_en": "EMC test system (3 m semi-anechoic chamber)",
        "category": "electronic_measurement",
        "model_number": "FACT 3 / ESR26",
        "manufacturer": "ETS-Lindgren / 罗德与施瓦茨(Rohde & Schwarz)",
        "country": "德国",
        "original_value": "7800000.00",
        "purchase_date": "2018-03-20",
        "building": "检测大楼",
        "room": "1F EMC实验室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "依据GB 4343.1、CISPR 14-1、EN 55032和GB/T 17626系列开展家电、灯具和车载零部件的辐射骚扰、传导骚扰、"
            "静电放电、浪涌和电快速瞬变等EMC测试，提供超标频点诊断与整改建议。"
        ),
        "specs": {
            "暗室": "3 m 法半电波暗室 (FACT 3)",
            "频率范围": "9 kHz–6 GHz",
            "EMI接收机": "R&S ESR26",
            "转台承重": "≤ 1000 kg",
        },
        "sample_requirements": (
            "提供产品说明书、电路框图和典型工作模式说明，样品需能在暗室内连续运行；大型整机请提前确认尺寸和电源规格。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 72,
        "max_advance_days": 60,
        "min_duration_minutes": 120,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 100,
        "contact_name": "胡晓东",
        "contact_phone": "0574-62886319",
        "opening_hours": _weekly(*_AM_PM_H) + _SAT_AM,
        "service_items": [
            {
                "name": "EMC暗室测试",
                "unit": "hour",
                "price_enterprise": "1500.00",
                "price_academic": "1200.00",
                "price_internal": "900.00",
                "description": "辐射/传导骚扰测试及整改摸底，按暗室占用时间计费。",
            },
            {
                "name": "CE/CCC EMC预测试(单型号)",
                "unit": "sample",
                "price_enterprise": "6000.00",
                "price_academic": "5000.00",
                "price_internal": "3500.00",
                "description": "按认证标准完成全项EMC预测试并出具预测试报告。",
            },
        ],
    },
    {
        "key": "hz_salt_spray",
        "owner": "hengzhun_test",
        "name": "盐雾试验箱",
        "name_en": "Salt spray / cyclic corrosion tester",
        "category": "process_test",
        "model_number": "Q-FOG CCT1100",
        "manufacturer": "Q-Lab",
        "country": "美国",
        "original_value": "380000.00",
        "purchase_date": "2020-07-08",
        "building": "检测大楼",
        "room": "2F 环境可靠性实验室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "按GB/T 10125、ISO 9227、ASTM B117进行中性盐雾、醋酸盐雾和循环腐蚀试验，评估镀锌件、电泳件、"
            "铝合金压铸件及紧固件的耐腐蚀性能，箱体容积1100 L，可编程盐雾-干燥-湿润循环。"
        ),
        "specs": {
            "容积": "1100 L",
            "试验类型": "NSS、AASS、CASS、循环腐蚀",
            "温度范围": "室温–70 ℃",
            "盐雾沉降量": "1–2 mL/80 cm²·h",
        },
        "sample_requirements": (
            "样品表面清洁无油污，切边和非考核面需封蜡或胶带保护；"
            "请注明试验标准、时长和判定要求，单批样品总重不超过50 kg。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 24,
        "max_advance_days": 60,
        "min_duration_minutes": 30,
        "max_duration_minutes": 120,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 20,
        "contact_name": "韩梦瑶",
        "contact_phone": "0574-62886327",
        "opening_hours": _weekly(*_AM_PM) + _SAT_AM,
        "service_items": [
            {
                "name": "中性盐雾试验",
                "unit": "day",
                "price_enterprise": "200.00",
                "price_academic": "160.00",
                "price_internal": "100.00",
                "description": "按试验天数计费(每批样品)，预约时段为送样上架时间。",
            },
            {
                "name": "循环腐蚀试验",
                "unit": "day",
                "price_enterprise": "300.00",
                "price_academic": "240.00",
                "price_internal": "150.00",
                "description": "按客户或主机厂标准编程的盐雾-干燥-湿润循环。",
            },
        ],
    },
    {
        "key": "hz_climate_chamber",
        "owner": "hengzhun_test",
        "name": "高低温湿热试验箱",
        "name_en": "Temperature and humidity chamber",
        "category": "process_test",
        "model_number": "PL-3KPH",
        "manufacturer": "爱斯佩克(ESPEC)",
        "country": "日本",
        "original_value": "560000.00",
        "purchase_date": "2021-05-25",
        "building": "检测大楼",
        "room": "2F 环境可靠性实验室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "进行高温、低温、恒定湿热和交变湿热试验，温度-70–150 ℃、湿度20–98%RH，适用于家电控制板、车载镜头和"
            "电子元器件的环境可靠性验证，可带电运行并实时监测样品工作状态。"
        ),
        "specs": {
            "温度范围": "-70–150 ℃",
            "湿度范围": "20–98% RH",
            "内箱容积": "408 L",
            "温度波动度": "±0.3 ℃",
        },
        "sample_requirements": (
            "样品总体积不超过内箱容积的三分之一，带电试验请提供电源要求和监测接线方案；含液体或易燃物品不得入箱。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "auto",
        "lead_time_hours": 24,
        "max_advance_days": 60,
        "min_duration_minutes": 30,
        "max_duration_minutes": 120,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "韩梦瑶",
        "contact_phone": "0574-62886327",
        "opening_hours": _weekly(*_AM_PM) + _SAT_AM,
        "service_items": [
            {
                "name": "高低温/湿热试验",
                "unit": "day",
                "price_enterprise": "600.00",
                "price_academic": "480.00",
                "price_internal": "300.00",
                "description": "按试验天数计费，预约时段为送样上架时间。",
            },
            {
                "name": "温度循环短时试验",
                "unit": "hour",
                "price_enterprise": "60.00",
                "price_academic": "50.00",
                "price_internal": "35.00",
                "description": "不足一天的试验按小时计费。",
            },
        ],
    },
    {
        "key": "hz_vibration",
        "owner": "hengzhun_test",
        "name": "电动振动试验台",
        "name_en": "Electrodynamic vibration test system",
        "category": "process_test",
        "model_number": "DC-3200-36",
        "manufacturer": "苏州苏试试验集团",
        "country": "中国",
        "original_value": "860000.00",
        "purchase_date": "2019-08-15",
        "building": "检测大楼",
        "room": "1F 力学环境实验室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "开展正弦、随机、正弦加随机和冲击振动试验，额定推力32 kN，频率5–2700 Hz，可与温湿度箱组成三综合试验，"
            "用于汽车零部件、家电整机运输振动和电子模组可靠性验证。"
        ),
        "specs": {
            "额定正弦推力": "32 kN",
            "频率范围": "5–2700 Hz",
            "最大位移": "51 mm p-p",
            "台面": "垂直台面 + 1000 × 1000 mm 水平滑台",
        },
        "sample_requirements": (
            "样品连同夹具总重不超过300 kg；请提供安装孔位图或自备夹具，注明试验标准、量级和三个方向的持续时间。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 30,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 20,
        "no_show_fee_percent": 50,
        "contact_name": "韩梦瑶",
        "contact_phone": "0574-62886327",
        "opening_hours": _weekly(*_AM_PM_H),
        "service_items": [
            {
                "name": "振动试验",
                "unit": "hour",
                "price_enterprise": "600.00",
                "price_academic": "480.00",
                "price_internal": "350.00",
                "description": "正弦或随机振动，按台体运行时间计费，夹具设计另计。",
            },
            {
                "name": "温湿度振动三综合试验",
                "unit": "hour",
                "price_enterprise": "900.00",
                "price_academic": "720.00",
                "price_internal": "500.00",
                "description": "振动台配合温湿度箱同步运行。",
            },
        ],
    },
    {
        "key": "hz_utm",
        "owner": "hengzhun_test",
        "name": "微机控制电子万能试验机",
        "name_en": "Computer-controlled universal testing machine",
        "category": "physical_property",
        "model_number": "UTM5305",
        "manufacturer": "深圳三思纵横科技",
        "country": "中国",
        "original_value": "520000.00",
        "purchase_date": "2021-11-30",
        "building": "检测大楼",
        "room": "1F 力学性能实验室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "对金属棒材、板材、紧固件和焊接接头进行拉伸、压缩、弯曲和剪切试验，测定抗拉强度、屈服强度、"
            "断后伸长率和弹性模量，最大试验力300 kN，符合GB/T 228.1和ISO 6892-1。"
        ),
        "specs": {
            "最大试验力": "300 kN",
            "精度等级": "0.5 级",
            "拉伸空间": "700 mm",
            "引伸计": "电子引伸计，标距 50 mm",
        },
        "sample_requirements": (
            "试样按GB/T 228.1加工，每组不少于3件；紧固件请注明规格和性能等级，焊接试样需标明焊缝位置。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 12,
        "late_cancel_fee_percent": 10,
        "no_show_fee_percent": 30,
        "contact_name": "陈国栋",
        "contact_phone": "0574-62886335",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "金属室温拉伸试验",
                "unit": "sample",
                "price_enterprise": "120.00",
                "price_academic": "100.00",
                "price_internal": "60.00",
                "description": "单根试样，给出Rm、ReL/Rp0.2、A和Z。",
            },
            {
                "name": "弯曲/压缩试验",
                "unit": "sample",
                "price_enterprise": "100.00",
                "price_academic": "80.00",
                "price_internal": "50.00",
                "description": "单件试样，按客户指定标准执行。",
            },
        ],
    },
    {
        "key": "hz_industrial_ct",
        "owner": "hengzhun_test",
        "name": "高分辨率工业CT",
        "name_en": "High-resolution industrial CT system",
        "category": "special_inspection",
        "model_number": "FF35 CT",
        "manufacturer": "依科视朗(YXLON)",
        "country": "德国",
        "original_value": "6200000.00",
        "purchase_date": "2024-09-10",
        "building": "检测大楼",
        "room": "1F 无损检测室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "双射线源高分辨率CT，用于汽车铝压铸件、电子连接器和电池模组的气孔、裂纹及装配缺陷检测，"
            "可做三维孔隙率统计、纤维取向分析和尺寸计量，最小可识别细节优于1 μm。"
        ),
        "specs": {
            "射线源": "190 kV 纳米焦点 + 225 kV 微焦点",
            "最小细节分辨": "< 1 μm",
            "最大样品": "Φ500 mm × 1000 mm，≤ 50 kg",
            "重建": "CERA 高速重建",
        },
        "sample_requirements": (
            "样品不超过Φ500 mm×1000 mm、50 kg；高分辨率扫描时样品越小精度越高，电池模组须处于安全荷电状态并附安全说明。"
        ),
        "status": "active",
        "voucher_eligible": True,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 48,
        "max_advance_days": 60,
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "slot_minutes": 60,
        "buffer_minutes": 20,
        "cancellation_deadline_hours": 48,
        "late_cancel_fee_percent": 30,
        "no_show_fee_percent": 50,
        "contact_name": "陈国栋",
        "contact_phone": "0574-62886335",
        "opening_hours": _weekly(("08:00", "12:00"), ("13:00", "18:00")) + _SAT_AM,
        "service_items": [
            {
                "name": "工业CT扫描",
                "unit": "hour",
                "price_enterprise": "1200.00",
                "price_academic": "950.00",
                "price_internal": "650.00",
                "description": "按扫描机时计费，含三维重建和切片浏览文件。",
            },
            {
                "name": "孔隙率统计分析",
                "unit": "sample",
                "price_enterprise": "500.00",
                "price_academic": "400.00",
                "price_internal": "260.00",
                "description": "按BDG P 202对指定区域进行孔隙分级评定。",
            },
        ],
    },
    {
        "key": "hz_xray_realtime",
        "owner": "hengzhun_test",
        "name": "X射线实时成像检测系统",
        "name_en": "Real-time X-ray inspection system",
        "category": "special_inspection",
        "model_number": "AX8200",
        "manufacturer": "无锡日联科技",
        "country": "中国",
        "original_value": "480000.00",
        "purchase_date": "2016-04-21",
        "building": "检测大楼",
        "room": "1F 无损检测室",
        "address": "余姚市经济开发区城东新区兴业路77号",
        "capabilities": (
            "以二维实时X射线成像检测PCBA焊点的BGA空洞、虚焊和桥连以及电子元器件内部结构，也用于小型压铸件气孔筛查；"
            "设备已停用，相关业务由新购高分辨率工业CT承接。"
        ),
        "specs": {
            "射线管": "90 kV 闭管",
            "几何放大": "≤ 300×",
            "检测区域": "440 × 500 mm",
        },
        "sample_requirements": "PCBA尺寸不超过440 mm×500 mm，元器件高度不超过50 mm。",
        "status": "retired",
        "voucher_eligible": False,
        "booking_mode": "sample_testing",
        "approval_mode": "owner",
        "lead_time_hours": 24,
        "max_advance_days": 30,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "cancellation_deadline_hours": 24,
        "late_cancel_fee_percent": 0,
        "no_show_fee_percent": 0,
        "contact_name": "陈国栋",
        "contact_phone": "0574-62886335",
        "opening_hours": _weekly(*_AM_PM),
        "service_items": [
            {
                "name": "X射线实时成像检测",
                "unit": "hour",
                "price_enterprise": "300.00",
                "price_academic": "200.00",
                "price_internal": "150.00",
                "description": "按机时计费，含焊点空洞率测量。",
            },
        ],
    },
]


if __name__ == "__main__":
    import datetime
    import importlib.util
    import itertools
    import re
    import sys
    from collections import Counter
    from decimal import Decimal
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    # marketplace/demo/__init__.py imports Django code: load participants.py directly from its file.
    spec = importlib.util.spec_from_file_location(
        "marketplace_demo_participants", root / "marketplace" / "demo" / "participants.py"
    )
    participants = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(participants)
    orgs = {o["key"]: o for o in participants.ORGANIZATIONS}

    # Copies of the code lists in instruments/choices.py.
    CATEGORIES = {
        "analytical", "physical_property", "metrology", "electronic_measurement", "special_inspection", "laser",
        "process_test", "medical_research", "computing", "other",
    }  # fmt: skip
    STATUSES = {"active", "maintenance", "retired"}
    BOOKING_MODES = {"self_operated", "sample_testing"}
    APPROVAL_MODES = {"auto", "owner"}
    UNITS = {"hour", "sample", "day"}
    OWNER_KINDS = {"institute", "service_provider"}

    fields = {
        "key", "owner", "name", "name_en", "category", "model_number", "manufacturer", "country", "original_value",
        "purchase_date", "building", "room", "address", "capabilities", "specs", "sample_requirements", "status",
        "voucher_eligible", "booking_mode", "approval_mode", "lead_time_hours", "max_advance_days",
        "min_duration_minutes", "max_duration_minutes", "slot_minutes", "buffer_minutes",
        "cancellation_deadline_hours", "late_cancel_fee_percent", "no_show_fee_percent", "contact_name",
        "contact_phone", "opening_hours", "service_items",
    }  # fmt: skip
    item_fields = {"name", "unit", "price_enterprise", "price_academic", "price_internal", "description"}
    int_fields = (
        "lead_time_hours", "max_advance_days", "min_duration_minutes", "max_duration_minutes", "slot_minutes",
        "buffer_minutes", "cancellation_deadline_hours", "late_cancel_fee_percent", "no_show_fee_percent",
    )  # fmt: skip
    money = re.compile(r"\d+\.\d{2}")
    hhmm = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

    def minutes(value):
        assert hhmm.fullmatch(value), value
        return int(value[:2]) * 60 + int(value[3:])

    keys = [i["key"] for i in INSTRUMENTS]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for inst in INSTRUMENTS:
        k = inst["key"]
        assert set(inst) == fields, (k, set(inst) ^ fields)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", k), k
        assert inst["owner"] in orgs, (k, inst["owner"])
        assert orgs[inst["owner"]]["kind"] in OWNER_KINDS, (k, inst["owner"], orgs[inst["owner"]]["kind"])
        for f in ("name", "name_en", "model_number", "manufacturer", "country", "building", "room", "address",
                  "contact_name", "sample_requirements"):  # fmt: skip
            assert isinstance(inst[f], str) and inst[f].strip(), (k, f)
        assert len(inst["name"]) <= 128 and len(inst["name_en"]) <= 200 and len(inst["model_number"]) <= 64, k
        assert len(inst["manufacturer"]) <= 128 and len(inst["country"]) <= 32, k
        assert len(inst["building"]) <= 64 and len(inst["room"]) <= 32 and len(inst["address"]) <= 200, k
        assert inst["category"] in CATEGORIES, (k, inst["category"])
        assert inst["status"] in STATUSES, (k, inst["status"])
        assert inst["booking_mode"] in BOOKING_MODES, (k, inst["booking_mode"])
        assert inst["approval_mode"] in APPROVAL_MODES, (k, inst["approval_mode"])
        assert isinstance(inst["voucher_eligible"], bool), k
        assert money.fullmatch(inst["original_value"]) and Decimal(inst["original_value"]) > 0, k
        bought = datetime.date.fromisoformat(inst["purchase_date"])
        assert 2016 <= bought.year <= 2025, (k, bought)
        assert 60 <= len(inst["capabilities"]) <= 150, (k, len(inst["capabilities"]))
        specs = inst["specs"]
        assert isinstance(specs, dict) and 3 <= len(specs) <= 6, (k, len(specs))
        assert all(isinstance(a, str) and isinstance(b, str) and a and b for a, b in specs.items()), k
        assert re.fullmatch(r"0574-6\d{7}", inst["contact_phone"]), (k, inst["contact_phone"])

        # Booking rules.
        for f in int_fields:
            assert isinstance(inst[f], int) and not isinstance(inst[f], bool) and inst[f] >= 0, (k, f)
        slot = inst["slot_minutes"]
        assert slot >= 5, (k, slot)
        lo, hi = inst["min_duration_minutes"], inst["max_duration_minutes"]
        assert 0 < lo <= hi and lo % slot == 0 and hi % slot == 0, (k, lo, hi, slot)
        assert 0 <= inst["buffer_minutes"] <= 30, k
        assert inst["max_advance_days"] >= 1, k
        assert inst["late_cancel_fee_percent"] <= 100 and inst["no_show_fee_percent"] <= 100, k
        assert inst["late_cancel_fee_percent"] <= inst["no_show_fee_percent"], k

        # Opening hours: valid, slot-aligned, non-overlapping per weekday; the minimum duration fits somewhere.
        hours = inst["opening_hours"]
        assert hours, k
        by_day = {}
        for day, start, end in hours:
            assert isinstance(day, int) and 0 <= day <= 6, (k, day)
            s, e = minutes(start), minutes(end)
            assert s < e, (k, day, start, end)
            assert s % slot == 0 and e % slot == 0, (k, "not slot-aligned", day, start, end, slot)
            by_day.setdefault(day, []).append((s, e))
        for day, windows in by_day.items():
            windows.sort()
            for (_, e1), (s2, _) in itertools.pairwise(windows):
                assert e1 <= s2, (k, "overlapping opening hours", day)
        assert any(e - s >= lo for ws in by_day.values() for s, e in ws), (k, "min duration fits no window")
        assert set(range(5)) <= set(by_day), (k, "not open Monday to Friday")

        # Service items and tier prices.
        items = inst["service_items"]
        assert 1 <= len(items) <= 3, (k, len(items))
        assert len({i["name"] for i in items}) == len(items), (k, "duplicate service item names")
        for item in items:
            assert set(item) == item_fields, (k, set(item) ^ item_fields)
            assert item["name"] and len(item["name"]) <= 128 and item["description"], (k, item["name"])
            assert item["unit"] in UNITS, (k, item["unit"])
            prices = [item["price_enterprise"], item["price_academic"], item["price_internal"]]
            assert all(isinstance(p, str) and money.fullmatch(p) for p in prices), (k, item["name"], prices)
            ent, aca, inn = map(Decimal, prices)
            assert 0 < inn <= aca <= ent, (k, item["name"], prices)

    # Counts and mix.
    n = len(INSTRUMENTS)
    status = Counter(i["status"] for i in INSTRUMENTS)
    assert n >= 32, n
    assert status["maintenance"] == 2 and status["retired"] == 1, status
    vouchers = sum(i["voucher_eligible"] for i in INSTRUMENTS)
    assert vouchers >= 20, vouchers
    self_op = sum(i["booking_mode"] == "self_operated" for i in INSTRUMENTS)
    auto = sum(i["approval_mode"] == "auto" for i in INSTRUMENTS)
    assert n // 4 <= self_op <= n // 2, self_op
    assert n // 6 <= auto <= n // 3, auto
    cats = Counter(i["category"] for i in INSTRUMENTS)
    assert cats["computing"] >= 2 and cats["special_inspection"] >= 2, cats
    owners = Counter(i["owner"] for i in INSTRUMENTS)
    assert len(owners) >= 8, owners
    assert len({i["model_number"] for i in INSTRUMENTS}) == n, "duplicate model numbers"
    # The seeder looks instruments up by (owner, name).
    assert len({(i["owner"], i["name"]) for i in INSTRUMENTS}) == n, "duplicate (owner, name)"

    print(f"instruments: {n} across {len(owners)} owners (" + ", ".join(f"{o}={c}" for o, c in owners.items()) + ")")
    print("categories: " + ", ".join(f"{c}={m}" for c, m in sorted(cats.items())))
    print(f"status: {dict(status)}; voucher-eligible: {vouchers}; self-operated: {self_op}; auto-approval: {auto}")
    n_items = sum(len(i["service_items"]) for i in INSTRUMENTS)
    print(f"service items: {n_items}")
    print("ok")
