"""The demo events. Days are relative to the seeding day; organizations are the participants' keys."""

EVENTS = [
    {
        "title": "2026 余姚模具与塑料产业科技成果推介会",
        "kind": "roadshow",
        "organizer": "market_ops",
        "days": -30,
        "hours": (9, 16),
        "place": "余姚科技大市场 3 楼路演厅",
        "capacity": 60,
        "agenda": "09:00 签到\n09:30 成果路演（院所 6 项）\n11:00 企业需求发布\n13:30 一对一洽谈\n15:30 签约仪式",
        "featured_owners": ["nbim", "yangming", "yy_polymer"],
        "registrations": [
            # (organization, checked in)
            ("muchuan_mold", True),
            ("hengren_rubber", True),
            ("chipeng_auto", False),
            ("nbim", True),
            ("yy_polymer", True),
        ],
        "meetings": [
            # (requester, counterpart, minutes after 13:30, table, accepted, lead: inquiry of requester on counterpart)
            ("muchuan_mold", "nbim", 0, "A1", True, True),
            ("hengren_rubber", "yy_polymer", 0, "A2", True, True),
            ("chipeng_auto", "nbim", 30, "A1", False, False),
        ],
    },
    {
        "title": "光电与智能传感产业需求对接会",
        "kind": "matchmaking",
        "organizer": "yykjj",
        "days": -14,
        "hours": (13, 17),
        "place": "余姚市科技局 1 号会议室",
        "capacity": 30,
        "agenda": "13:00 签到\n13:30 企业出题：光学检测与传感器标定\n14:30 院所解题交流\n15:00 一对一洽谈",
        "featured_demand_firms": ["jingche_optics", "ruigan_sensor"],
        "registrations": [
            ("jingche_optics", True),
            ("ruigan_sensor", True),
            ("yy_oe_inst", True),
            ("zju_robot", False),
        ],
        "meetings": [
            ("jingche_optics", "yy_oe_inst", 90, "B3", True, True),
            ("ruigan_sensor", "zju_robot", 90, "B4", True, False),
        ],
    },
    {
        "title": "2026 揭榜挂帅榜单发布会（第二批）",
        "kind": "challenge_launch",
        "organizer": "market_ops",
        "days": 21,
        "hours": (9, 12),
        "place": "余姚科技大市场 3 楼路演厅",
        "online_url": "https://live.example.cn/kjdsc/challenge-2026-2",
        "capacity": 80,
        "agenda": "09:00 榜单发布\n09:40 揭榜规则说明\n10:00 院所与企业自由洽谈",
        "featured_challenges": True,
        "registrations": [("zju_robot", None), ("yangming", None)],
        "meetings": [],
    },
]
