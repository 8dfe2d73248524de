"""Administrative-division reference data (GB/T 2260) for the Yangtze River Delta (长三角).

Plain Python data, no Django imports. Used to seed the regions from which a voucher programme
may accept service providers: the four provincial-level units (上海市, 江苏省, 浙江省, 安徽省),
every prefecture-level city of Jiangsu (13), Zhejiang (11) and Anhui (16), and all ten
county-level divisions of 宁波市 (including 余姚市).

Shanghai is a municipality with no prefecture level, so no Shanghai districts are listed.
Anhui's former 巢湖市 prefecture (341400) was abolished in 2011 and is not included.

Each row is ``(code, name, name_en, level, parent_code)``; ``level`` is one of
``"province"``, ``"city"`` or ``"county"``. Parents always appear before their children.
"""

REGIONS = [
    # (code, name, name_en, level, parent_code)
    # Provincial-level units
    ("310000", "上海市", "Shanghai", "province", None),
    ("320000", "江苏省", "Jiangsu", "province", None),
    ("330000", "浙江省", "Zhejiang", "province", None),
    ("340000", "安徽省", "Anhui", "province", None),
    # Jiangsu prefecture-level cities (13)
    ("320100", "南京市", "Nanjing", "city", "320000"),
    ("320200", "无锡市", "Wuxi", "city", "320000"),
    ("320300", "徐州市", "Xuzhou", "city", "320000"),
    ("320400", "常州市", "Changzhou", "city", "320000"),
    ("320500", "苏州市", "Suzhou", "city", "320000"),
    ("320600", "南通市", "Nantong", "city", "320000"),
    ("320700", "连云港市", "Lianyungang", "city", "320000"),
    ("320800", "淮安市", "Huai'an", "city", "320000"),
    ("320900", "盐城市", "Yancheng", "city", "320000"),
    ("321000", "扬州市", "Yangzhou", "city", "320000"),
    ("321100", "镇江市", "Zhenjiang", "city", "320000"),
    ("321200", "泰州市", "Taizhou", "city", "320000"),
    ("321300", "宿迁市", "Suqian", "city", "320000"),
    # Zhejiang prefecture-level cities (11)
    ("330100", "杭州市", "Hangzhou", "city", "330000"),
    ("330200", "宁波市", "Ningbo", "city", "330000"),
    ("330300", "温州市", "Wenzhou", "city", "330000"),
    ("330400", "嘉兴市", "Jiaxing", "city", "330000"),
    ("330500", "湖州市", "Huzhou", "city", "330000"),
    ("330600", "绍兴市", "Shaoxing", "city", "330000"),
    ("330700", "金华市", "Jinhua", "city", "330000"),
    ("330800", "衢州市", "Quzhou", "city", "330000"),
    ("330900", "舟山市", "Zhoushan", "city", "330000"),
    ("331000", "台州市", "Taizhou", "city", "330000"),
    ("331100", "丽水市", "Lishui", "city", "330000"),
    # Anhui prefecture-level cities (16; 341400 巢湖 abolished 2011)
    ("340100", "合肥市", "Hefei", "city", "340000"),
    ("340200", "芜湖市", "Wuhu", "city", "340000"),
    ("340300", "蚌埠市", "Bengbu", "city", "340000"),
    ("340400", "淮南市", "Huainan", "city", "340000"),
    ("340500", "马鞍山市", "Ma'anshan", "city", "340000"),
    ("340600", "淮北市", "Huaibei", "city", "340000"),
    ("340700", "铜陵市", "Tongling", "city", "340000"),
    ("340800", "安庆市", "Anqing", "city", "340000"),
    ("341000", "黄山市", "Huangshan", "city", "340000"),
    ("341100", "滁州市", "Chuzhou", "city", "340000"),
    ("341200", "阜阳市", "Fuyang", "city", "340000"),
    ("341300", "宿州市", "Suzhou", "city", "340000"),
    ("341500", "六安市", "Lu'an", "city", "340000"),
    ("341600", "亳州市", "Bozhou", "city", "340000"),
    ("341700", "池州市", "Chizhou", "city", "340000"),
    ("341800", "宣城市", "Xuancheng", "city", "340000"),
    # Ningbo county-level divisions (10)
    ("330203", "海曙区", "Haishu", "county", "330200"),
    ("330205", "江北区", "Jiangbei", "county", "330200"),
    ("330206", "北仑区", "Beilun", "county", "330200"),
    ("330211", "镇海区", "Zhenhai", "county", "330200"),
    ("330212", "鄞州区", "Yinzhou", "county", "330200"),
    ("330213", "奉化区", "Fenghua", "county", "330200"),
    ("330225", "象山县", "Xiangshan", "county", "330200"),
    ("330226", "宁海县", "Ninghai", "county", "330200"),
    ("330281", "余姚市", "Yuyao", "county", "330200"),
    ("330282", "慈溪市", "Cixi", "county", "330200"),
]


# 产业链: the chains named in the seed policy (clause 13: 新材料, 光电信息, 新能源汽车及关键零部件,
# 机器人及智能装备) and Yuyao's traditional strengths (家电, 模具, 橡塑). (code, name, name_en)
INDUSTRY_CHAINS = [
    ("new_materials", "新材料", "New materials"),
    ("optoelectronics", "光电信息", "Optoelectronics and information"),
    ("nev_parts", "新能源汽车及关键零部件", "New-energy vehicles and key components"),
    ("robotics", "机器人及智能装备", "Robotics and intelligent equipment"),
    ("home_appliances", "家电", "Home appliances"),
    ("molds", "模具", "Molds and dies"),
    ("rubber_plastics", "橡塑", "Rubber and plastics"),
]

# 技术领域: the eight fields of 《国家重点支持的高新技术领域》. (code, name, name_en)
TECH_FIELDS = [
    ("electronic_information", "电子信息", "Electronic information"),
    ("biomedicine", "生物与新医药", "Biotechnology and new medicine"),
    ("aerospace", "航空航天", "Aerospace"),
    ("new_materials", "新材料", "New materials"),
    ("high_tech_services", "高技术服务", "High-tech services"),
    ("new_energy", "新能源与节能", "New energy and energy saving"),
    ("resources_environment", "资源与环境", "Resources and environment"),
    ("advanced_manufacturing", "先进制造与自动化", "Advanced manufacturing and automation"),
]


if __name__ == "__main__":
    seen = {}
    for code, name, name_en, level, parent in REGIONS:
        assert len(code) == 6 and code.isdigit(), code
        assert code not in seen, f"duplicate code {code}"
        assert level in ("province", "city", "county"), level
        assert name and name_en, code
        if level == "province":
            assert parent is None and code.endswith("0000"), code
        else:
            assert parent in seen, f"{code} parent {parent} missing or later"
            assert code[:2] == parent[:2], code
        if level == "city":
            assert seen[parent] == "province" and code.endswith("00"), code
        if level == "county":
            assert seen[parent] == "city" and code[:4] == parent[:4], code
        seen[code] = level

    levels = [row[3] for row in REGIONS]
    assert levels.count("province") == 4
    # 13 (Jiangsu) + 11 (Zhejiang) + 16 (Anhui) = 40 prefecture-level cities.
    assert levels.count("city") == 40
    cities_by_prov = {
        prov: sum(1 for r in REGIONS if r[3] == "city" and r[4] == prov) for prov in ("320000", "330000", "340000")
    }
    assert cities_by_prov == {"320000": 13, "330000": 11, "340000": 16}, cities_by_prov
    assert sum(1 for r in REGIONS if r[3] == "county" and r[4] == "330200") == 10
    assert levels.count("county") == 10
    assert "341400" not in seen
    print("ok")
