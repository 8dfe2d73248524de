"""The demo data sets (``*/demo/data.py``) are plain Python; these tests hold them to the rules the seeders and the
demo walkthrough rely on (keys, references between data sets, value ranges, status mixes). They were the data
modules' ``__main__`` self-checks, which the suite never ran."""

from marketplace.demo import participants


def test_demands_demo_data():
    import re
    from collections import Counter
    from decimal import Decimal

    from demands.demo.data import (
        COOPERATION_MODES,
        DEMANDS,
        INDUSTRY_CHAINS,
        PROPOSAL_STATUSES,
        RISK_CLASSES,
        STATUSES,
        TECH_FIELDS,
    )

    orgs = {o["key"]: o for o in participants.ORGANIZATIONS}
    assert set(INDUSTRY_CHAINS) == set(participants.INDUSTRY_CHAINS)
    assert set(TECH_FIELDS) == set(participants.TECH_FIELDS)

    fields = {
        "key", "firm", "title", "problem", "target_indicators", "industry_chain", "tech_field", "risk_class",
        "cooperation_mode", "budget_min", "budget_max", "deadline_days", "challenge", "bounty", "ip_terms",
        "anonymous", "status", "proposals", "evaluation",
    }  # fmt: skip
    proposal_fields = {"institute", "approach", "budget", "duration_days", "team", "status"}
    money = re.compile(r"[1-9]\d*\.\d{2}")
    solvers = {k for k, o in orgs.items() if o["kind"] in ("institute", "service_provider") and k != "market_ops"}

    keys = [d["key"] for d in DEMANDS]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    titles = [(d["firm"], d["title"]) for d in DEMANDS]
    assert len(titles) == len(set(titles)), "duplicate (firm, title)"
    for d in DEMANDS:
        k = d["key"]
        assert set(d) == fields, (k, set(d) ^ fields)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", k), k
        firm = orgs.get(d["firm"])
        assert firm and firm["kind"] == "enterprise", (k, d["firm"])
        assert 10 <= len(d["title"]) <= 40, (k, len(d["title"]))
        assert 120 <= len(d["problem"]) <= 260, (k, "problem", len(d["problem"]))
        assert 40 <= len(d["target_indicators"]) <= 160, (k, "targets", len(d["target_indicators"]))
        assert re.search(r"\d", d["target_indicators"]), (k, "target indicators must be measurable")
        assert d["industry_chain"] in INDUSTRY_CHAINS, (k, d["industry_chain"])
        assert d["tech_field"] in TECH_FIELDS, (k, d["tech_field"])
        assert d["risk_class"] in RISK_CLASSES, (k, d["risk_class"])
        assert d["cooperation_mode"] in COOPERATION_MODES, (k, d["cooperation_mode"])
        lo, hi = d["budget_min"], d["budget_max"]
        assert (lo is None) == (hi is None), (k, "both budget bounds or neither (面议)")
        if lo is not None:
            assert money.fullmatch(lo) and money.fullmatch(hi), (k, lo, hi)
            assert Decimal(lo) <= Decimal(hi), (k, lo, hi)
        assert isinstance(d["deadline_days"], int) and 30 <= d["deadline_days"] <= 240, (k, d["deadline_days"])
        assert isinstance(d["challenge"], bool) and isinstance(d["anonymous"], bool), k
        if d["challenge"]:
            assert d["bounty"] and money.fullmatch(d["bounty"]), (k, "a challenge needs a bounty")
            assert d["ip_terms"].strip(), (k, "a challenge states its IP terms")
            assert "揭榜挂帅" in d["title"] or d["anonymous"], (k, "challenge titles carry 揭榜挂帅")
        else:
            assert d["bounty"] is None and d["ip_terms"] == "", (k, "bounty and IP terms only for challenges")
        if d["anonymous"]:
            text = d["title"] + d["problem"] + d["target_indicators"]
            brand = re.sub(r"^(余姚市|慈溪市|宁波)", "", firm["name"])[:2]
            for word in (firm["name"], brand, "我司"):
                assert word not in text, (k, "anonymous demand gives the firm away", word)
        status = d["status"]
        assert status in STATUSES, (k, status)
        if not firm["verified"]:
            assert status in ("draft", "pending_review"), (k, "an unverified firm cannot have public demands")

        props = d["proposals"]
        assert len({p["institute"] for p in props}) == len(props), (k, "one proposal per institute")
        pstat = Counter(p["status"] for p in props)
        for p in props:
            assert set(p) == proposal_fields, (k, set(p) ^ proposal_fields)
            assert p["institute"] in solvers, (k, p["institute"])
            assert 60 <= len(p["approach"]) <= 150, (k, p["institute"], "approach", len(p["approach"]))
            assert money.fullmatch(p["budget"]), (k, p["budget"])
            assert isinstance(p["duration_days"], int) and 7 <= p["duration_days"] <= 365, (k, p["duration_days"])
            assert p["team"].startswith("负责人："), (k, p["team"])
            assert p["status"] in PROPOSAL_STATUSES, (k, p["status"])
        assert pstat["accepted"] <= 1, (k, "two accepted proposals")
        if status in ("draft", "pending_review"):
            assert not props, (k, "no proposals before the demand is public")
        elif status == "open":
            assert len(props) <= 3 and not pstat["accepted"], (k, "open demands: 0-3 proposals, none accepted")
        else:
            assert pstat["accepted"] == 1, (k, "in_cooperation/solved demands have exactly one accepted proposal")
            assert set(pstat) <= {"accepted", "declined"}, (k, pstat)
        ev = d["evaluation"]
        if status == "solved":
            assert ev is not None, (k, "solved demands carry the firm's evaluation")
        if ev is not None:
            assert status == "solved", (k, "evaluations only on solved demands")
            assert set(ev) == {"rating", "comment"}, k
            assert isinstance(ev["rating"], int) and 1 <= ev["rating"] <= 5 and ev["comment"], k

    n = len(DEMANDS)
    status = Counter(d["status"] for d in DEMANDS)
    assert n >= 32, n
    assert status["open"] >= 24, status
    assert status["pending_review"] == 2 and status["draft"] == 1, status
    assert status["in_cooperation"] == 3 and status["solved"] == 2, status
    risk = Counter(d["risk_class"] for d in DEMANDS)
    assert 0.42 <= risk["green"] / n <= 0.58 and 0.28 <= risk["yellow"] / n <= 0.42, risk
    assert 0.10 <= risk["red"] / n <= 0.20, risk
    challenges = sum(d["challenge"] for d in DEMANDS)
    anonymous = sum(d["anonymous"] for d in DEMANDS)
    assert 5 <= challenges <= 6 and 5 <= anonymous <= 6, (challenges, anonymous)
    negotiable = sum(d["budget_min"] is None for d in DEMANDS)
    assert 0.18 <= negotiable / n <= 0.32, (negotiable, "about a quarter should be 面议")
    firms = Counter(d["firm"] for d in DEMANDS)
    enterprises = {k for k, o in orgs.items() if o["kind"] == "enterprise"}
    assert set(firms) == enterprises, enterprises ^ set(firms)
    modes = Counter(d["cooperation_mode"] for d in DEMANDS)
    assert set(modes) == set(COOPERATION_MODES), modes
    n_props = sum(len(d["proposals"]) for d in DEMANDS)
    pstatus = Counter(p["status"] for d in DEMANDS for p in d["proposals"])
    solvers_used = Counter(p["institute"] for d in DEMANDS for p in d["proposals"])

    print(f"demands: {n} across {len(firms)} firms (" + ", ".join(f"{f}={c}" for f, c in firms.items()) + ")")
    print(f"status: {dict(status)}; risk: {dict(risk)}; challenges: {challenges}; anonymous: {anonymous}; "
          f"面议: {negotiable}")  # fmt: skip
    print(f"cooperation modes: {dict(modes)}")
    print(f"proposals: {n_props} {dict(pstatus)} by " + ", ".join(f"{s}={c}" for s, c in solvers_used.items()))
    print("ok")


def test_instruments_demo_data():
    import datetime
    import itertools
    import re
    from collections import Counter
    from decimal import Decimal

    from instruments.demo.data import INSTRUMENTS

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
        assert re.fullmatch(r"0\d{2,3}-\d{8}", inst["contact_phone"]), (k, inst["contact_phone"])

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


def test_tech_transfer_demo_data():
    import re
    from collections import Counter
    from decimal import Decimal

    from tech_transfer.demo.data import (
        INDUSTRY_CHAINS,
        LEGAL_STATUSES,
        PATENT_TYPES,
        RESULTS,
        STATUSES,
        TECH_FIELDS,
        TRANSFER_MODES,
    )

    orgs = {o["key"]: o for o in participants.ORGANIZATIONS}
    assert set(INDUSTRY_CHAINS) == set(participants.INDUSTRY_CHAINS)
    assert set(TECH_FIELDS) == set(participants.TECH_FIELDS)

    fields = {
        "key", "owner", "title", "abstract", "confidential_details", "keywords", "tech_field", "industry_chains",
        "trl", "transfer_modes", "price", "status", "patents", "auction",
    }  # fmt: skip
    money = re.compile(r"[1-9]\d*\.\d{2}")
    number_re = re.compile(r"(\d{4})([123])(\d{7})\.([0-9X])")
    ipc_re = re.compile(r"[A-H]\d{2}[A-Z]\d{1,4}/\d{2,6}")

    def check_char(digits):
        total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)) % 11
        return "X" if total == 10 else str(total)

    keys = [r["key"] for r in RESULTS]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    titles = [(r["owner"], r["title"]) for r in RESULTS]
    assert len(titles) == len(set(titles)), "duplicate (owner, title)"
    numbers = []
    for r in RESULTS:
        k = r["key"]
        assert set(r) == fields, (k, set(r) ^ fields)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", k), k
        owner = orgs.get(r["owner"])
        assert owner, (k, r["owner"])
        assert owner["kind"] in ("institute", "service_provider") and r["owner"] != "market_ops", (k, r["owner"])
        assert 15 <= len(r["title"]) <= 40, (k, len(r["title"]))
        assert 80 <= len(r["abstract"]) <= 220, (k, "abstract", len(r["abstract"]))
        assert 60 <= len(r["confidential_details"]) <= 160, (k, "confidential", len(r["confidential_details"]))
        assert 4 <= len(r["keywords"]) <= 8 and len(set(r["keywords"])) == len(r["keywords"]), (k, r["keywords"])
        assert all(isinstance(w, str) and w.strip() == w and w for w in r["keywords"]), k
        assert r["tech_field"] in TECH_FIELDS, (k, r["tech_field"])
        chains = r["industry_chains"]
        assert chains and set(chains) <= set(INDUSTRY_CHAINS) and len(set(chains)) == len(chains), (k, chains)
        assert isinstance(r["trl"], int) and 1 <= r["trl"] <= 9, (k, r["trl"])
        modes = r["transfer_modes"]
        assert 1 <= len(modes) <= 3 and set(modes) <= set(TRANSFER_MODES) and len(set(modes)) == len(modes), k
        assert r["price"] is None or money.fullmatch(r["price"]), (k, r["price"])
        assert r["status"] in STATUSES, (k, r["status"])
        assert len(r["patents"]) <= 3, k
        for p in r["patents"]:
            assert set(p) == {"number", "type", "legal_status", "ipc"}, (k, p)
            m = number_re.fullmatch(p["number"])
            assert m, (k, p["number"])
            year, digit, _serial, check = m.groups()
            assert 2015 <= int(year) <= 2024, (k, p["number"])
            assert check == check_char(p["number"][:12]), (k, p["number"], "check character")
            assert p["type"] == PATENT_TYPES[int(digit) - 1], (k, p["number"], p["type"])
            assert p["legal_status"] in LEGAL_STATUSES, (k, p["legal_status"])
            if p["legal_status"] == "pending":
                assert p["type"] == "invention" and int(year) >= 2021, (k, p["number"], "pending")
            if p["type"] == "design":
                assert p["ipc"] == [], (k, p["number"], "design patents are classified by Locarno, not IPC")
            else:
                assert 1 <= len(p["ipc"]) <= 3 and all(ipc_re.fullmatch(c) for c in p["ipc"]), (k, p["ipc"])
            numbers.append(p["number"])
        auction = r["auction"]
        if auction is not None:
            assert set(auction) == {"starting_price", "deposit", "days_open"}, k
            assert r["status"] == "published" and r["patents"], (k, "auctions need a published result with IP")
            assert set(r["transfer_modes"]) & {"transfer", "license"}, (k, "auction needs transfer or license")
            start = auction["starting_price"]
            assert money.fullmatch(start), (k, start)
            if r["price"] is not None:
                assert Decimal(start) <= Decimal(r["price"]), (k, "starting price above listed price")
            if auction["deposit"] is not None:
                assert money.fullmatch(auction["deposit"]), (k, auction["deposit"])
                assert Decimal(auction["deposit"]) < Decimal(start), (k, "deposit not below starting price")
            assert isinstance(auction["days_open"], int) and 3 <= auction["days_open"] <= 30, k
    assert len(numbers) == len(set(numbers)), [n for n, c in Counter(numbers).items() if c > 1]

    n = len(RESULTS)
    status = Counter(r["status"] for r in RESULTS)
    assert n >= 44, n
    assert status["published"] >= 36, status
    assert status["pending_review"] == 3 and status["draft"] == 2 and status["transferred"] == 3, status
    negotiable = sum(r["price"] is None for r in RESULTS)
    assert n // 4 <= negotiable <= int(n * 0.4), (negotiable, "about a third should be 面议")
    auctions = sum(r["auction"] is not None for r in RESULTS)
    assert 3 <= auctions <= 4, auctions
    owners = Counter(r["owner"] for r in RESULTS)
    institutes = {k for k, o in orgs.items() if o["kind"] == "institute"}
    assert institutes <= set(owners), institutes - set(owners)
    assert sum(orgs[o]["kind"] == "service_provider" for o in owners) >= 1, "a few results by service providers"
    ptypes = Counter(p["type"] for r in RESULTS for p in r["patents"])
    legal = Counter(p["legal_status"] for r in RESULTS for p in r["patents"])

    print(f"results: {n} across {len(owners)} owners (" + ", ".join(f"{o}={c}" for o, c in owners.items()) + ")")
    print(f"status: {dict(status)}; 面议: {negotiable}; auctions: {auctions}")
    print(f"patents: {len(numbers)} {dict(ptypes)} {dict(legal)}; results without patents: "
          f"{sum(not r['patents'] for r in RESULTS)}")  # fmt: skip
    print("ok")


def test_evaluation_demo_data():
    """Demo evaluations (科技成果评价): known published results, panels of the method's size from outside the owning
    institutes, scores for every dimension in range, valid grades; registration terms of valid choices."""
    from tech_transfer import evaluations
    from tech_transfer.choices import EvaluationGrade, IpOwnership, NoveltyGrade, PaymentMethod
    from tech_transfer.demo import contracts
    from tech_transfer.demo import evaluations as demo
    from tech_transfer.demo.data import RESULTS

    orgs = {o["key"]: o for o in participants.ORGANIZATIONS}
    results = {r["key"]: r for r in RESULTS}
    assert orgs[demo.BODY]["kind"] == "service_provider" and orgs[demo.BODY]["verified"]
    codes = {d["code"] for d in evaluations.dimensions()}
    for key, panel, grade, novelty, trl, scores, conclusion, state in demo.EVALUATIONS:
        result = results[key]
        assert result["status"] == "published" and result["owner"] != demo.BODY, key
        experts = demo.PANELS[panel]
        assert len(experts) >= evaluations.method()["method"]["min_experts"], panel
        owner = orgs[result["owner"]]["name"]
        assert all(e["affiliation_name"] != owner for e in experts), (key, "conflict of interest")
        if state == "issued":
            assert grade in EvaluationGrade.values and novelty in NoveltyGrade.values, key
            assert set(scores) == codes and all(0 <= v <= 100 for v in scores.values()), key
            assert 1 <= trl <= 9 and len(conclusion) > 40, key
    for _content, ip_ownership, payment in contracts.KIND_TERMS.values():
        assert ip_ownership in IpOwnership.values and payment in PaymentMethod.values
    titles = {row[1] for row in contracts.CONTRACTS}
    assert set(contracts.NON_TECHNICAL) <= titles
