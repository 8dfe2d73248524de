"""Hand-labelled relevance judgements for the 科技大市场 search and demand-matching engine.

Plain data, no Django imports, so that an evaluation script or a test can load it cheaply and compute ranking
metrics (nDCG@k, recall@k, MRR) for whatever the engine returns.

Grading scale (graded relevance, as used by nDCG):

* 3: directly solves it: the organization has exactly the right expertise, or the result / instrument *is* the
  answer (the technology the firm asks for, the instrument that makes the measurement the demand names).
* 2: strongly relevant: clearly part of a solution or a close neighbour of it (a result in the same technology
  that needs adaptation, an instrument that verifies a key target indicator, a co-solver for one sub-problem).
* 1: partially relevant: could contribute to one aspect (an auxiliary test, a related method on another material
  or product, a broker who could source a licence).
* unlisted: not relevant (0).

How the set was built: every demand of ``demands/demo/data.py`` whose status is public (open, in_cooperation,
solved) was read in full (problem and target indicators) and judged against every institute / service provider of
``marketplace/demo/participants.py`` (description and expertise), every searchable result of
``tech_transfer/demo/data.py`` (status published or transferred; abstract and keywords) and every bookable,
voucher-eligible instrument of ``instruments/demo/data.py`` (status active; capabilities). Judgements are what a
domain expert would answer to "who and what can solve this?", not keyword overlap: e.g. the e-drive
dynamometer (20 000 r/min) is *not* labelled for a 110 000 r/min vacuum-cleaner motor, while the acoustic camera
is labelled for a blender although the words differ. The proposals in the demand data were read as evidence of
who is able to help, but a proposal alone did not earn a grade (declined or weak proposals are graded on merit).
Results that are not yet public (draft, pending_review) and instruments in maintenance or retired are never
labelled, even where they would be the best match (e.g. ``unnc_low_ree_motor`` for ``hongdu_low_ree_magnet``);
the engine must not return them, so they count as not relevant. Some demands legitimately have no matching
result or no instrument (e.g. a workshop-scheduling demand needs software, not an instrument): the empty dict
is then a deliberate judgement.

``QUERIES`` are free-text searches a firm or institute would type, each with its relevant documents as
``"type:key"`` (type one of instrument / result / demand / institute; instrument: any active instrument; demand:
public demands only; institute: organization keys of kind institute or service_provider). They cover Chinese,
English and mixed queries, synonyms (电镜 / 电子显微镜, CT / 计算机断层扫描, 模流 / 模流分析 / Moldflow) and
product codes (JSM-7900F, D8, AT960).

Run this file (``python3 tests/relevance/labels.py``) to self-check every key, status and grade against the demo
data, which it loads by file path without importing the Django packages.
"""

# grade: 3 = directly solves it (the right expertise + a matching result/instrument), 2 = strongly relevant,
#        1 = partially relevant / could contribute; unlisted = not relevant (0).
JUDGEMENTS = {
    # ================================================================== 澜禾电器
    "lanhe_voice_control": {
        # offline bilingual voice module in 62 dB fan noise, ≤10 元 BOM; plus environmental and EMC tests
        "institutes": {"shunan_ai": 3, "hengzhun_test": 1, "yy_design": 1},
        "results": {"sa_offline_asr": 3, "sa_edge_deploy": 1},
        "instruments": {"shunan_voice_test": 3, "hz_emc_chamber": 1, "hz_climate_chamber": 1},
    },
    "lanhe_temp_control": {
        # cavity temperature control and air-flow temperature field: control/thermal modelling, no exact match
        "institutes": {"unnc_elec": 2, "yy_design": 1, "hengzhun_test": 1},
        "results": {"yd_airfryer_design": 1},
        "instruments": {"unnc_wt5000": 1},  # heater power spread between batches
    },
    "lanhe_standby_emc": {
        "institutes": {"hengzhun_test": 3, "unnc_elec": 2},
        "results": {"hz_bldc_emc": 2},  # same conducted-EMI rectification know-how, other product
        "instruments": {"hz_emc_chamber": 3, "unnc_wt5000": 3},  # the power analyzer measures standby power
    },
    "lanhe_pfas_free_coating": {
        # PFAS-free non-stick coating: coating chemistry + crack analysis; no published coating result exists
        "institutes": {"yy_polymer": 2, "yangming": 2, "zhiqiao_tt": 1},
        "results": {},
        "instruments": {
            "yangming_fesem": 2,
            "yypm_sigma300": 2,
            "yypm_ftir": 2,
            "yypm_dsc": 2,
            "yangming_lscm": 1,
        },
    },
    # ================================================================== 沐川模具
    "muchuan_door_panel_warpage": {
        "institutes": {"yy_polymer": 3, "nbim": 1, "yangming": 1},
        "results": {"pm_warpage_comp": 3, "pm_conformal_cooling": 2, "pm_hotrunner_seq": 2},
        "instruments": {"yypm_moldflow_ws": 3, "nbim_atos": 3, "yangming_cmm": 1, "yypm_slm": 1},
    },
    "muchuan_conformal_cooling": {
        "institutes": {"yy_polymer": 3, "yangming": 1},
        "results": {"pm_conformal_cooling": 3, "pm_warpage_comp": 1},
        "instruments": {"yypm_slm": 3, "yypm_moldflow_ws": 3, "yangming_ct": 1, "hz_industrial_ct": 1},
    },
    "muchuan_mold_shop_mes": {
        # mould-shop scheduling is software: no instrument helps
        "institutes": {"nbim": 3, "zhiqiao_tt": 1},  # licence deal: contract drafting and registration
        "results": {"nbim_aps_mold": 3, "nbim_edge_gateway": 2, "nbim_inj_mes": 1},
        "instruments": {},
    },
    "muchuan_hot_runner": {
        "institutes": {"yy_polymer": 3, "zhiqiao_tt": 1},
        "results": {"pm_hotrunner_seq": 3},
        "instruments": {"yypm_moldflow_ws": 2},
    },
    "muchuan_mirror_steel": {
        # inclusions, hardness uniformity, microstructure and polished-surface pits of mould steel
        "institutes": {"yangming": 3},
        "results": {},
        "instruments": {"yangming_fesem": 3, "yangming_lscm": 3, "yangming_wli": 2, "yangming_xrd": 1},
    },
    # ================================================================== 晶澈光学
    "jingche_thermal_defocus": {
        "institutes": {"yy_oe_inst": 3, "hengzhun_test": 1, "yy_polymer": 1},
        "results": {"oe_athermal_lens": 3, "oe_active_alignment": 2},
        "instruments": {"yyoe_mtf": 3, "hz_climate_chamber": 2, "yyoe_interferometer": 1},
    },
    "jingche_coating_weathering": {
        "institutes": {"yy_oe_inst": 3, "hengzhun_test": 2, "yangming": 2},
        "results": {"oe_hydrophobic_ar": 3},
        "instruments": {
            "yyoe_spectrophotometer": 3,
            "hz_climate_chamber": 2,
            "hz_salt_spray": 2,
            "yangming_fesem": 2,
        },
    },
    "jingche_stray_light": {
        "institutes": {"yy_oe_inst": 3},
        "results": {"oe_stray_light": 3, "oe_hydrophobic_ar": 1},  # low-reflection AR coating reduces ghosts
        "instruments": {"yyoe_mtf": 2, "yyoe_spectrophotometer": 1},
    },
    "jingche_glass_molding_core": {
        # WC core grinding + form metrology + DLC coating: nobody has the whole chain, two labs have parts
        "institutes": {"yy_oe_inst": 2, "yangming": 2},
        "results": {},
        "instruments": {"yangming_wli": 2, "yyoe_interferometer": 2, "yangming_lscm": 1, "yangming_fesem": 1},
    },
    # ================================================================== 睿感光电
    "ruigan_ambient_drift": {
        "institutes": {"yy_oe_inst": 3, "hengzhun_test": 1},
        "results": {"oe_tof_signal": 3},  # includes the background-suppression switch drift compensation
        "instruments": {"hz_climate_chamber": 2, "yyoe_spectrophotometer": 1},
    },
    "ruigan_tof_module": {
        "institutes": {"yy_oe_inst": 3, "hengzhun_test": 1},
        "results": {"oe_tof_signal": 3},
        "instruments": {"hz_climate_chamber": 1, "yyoe_spectrophotometer": 1},
    },
    "ruigan_light_curtain_safety": {
        # EMC immunity pre-test is covered; functional-safety (FMEDA) expertise is not listed anywhere
        "institutes": {"hengzhun_test": 2, "yy_oe_inst": 1},  # optics / signal chain of the curtain itself
        "results": {"hz_bldc_emc": 1},
        "instruments": {"hz_emc_chamber": 3},
    },
    # ================================================================== 恒韧橡塑
    "hengren_battery_seal": {
        "institutes": {"yy_polymer": 3, "zhiqiao_tt": 1},
        "results": {"pm_epdm_lowcs": 3, "pm_fkm_lowtemp": 1, "pm_ozone_ageing": 1},
        "instruments": {"yypm_instron": 2, "yypm_ftir": 1, "yypm_dsc": 1},
    },
    "hengren_fkm_lowtemp": {
        "institutes": {"yy_polymer": 3, "zhiqiao_tt": 1},
        "results": {"pm_fkm_lowtemp": 3, "pm_epdm_lowcs": 1},
        "instruments": {"yypm_dsc": 2, "yypm_instron": 2, "yypm_ftir": 1},
    },
    "hengren_damper_ageing": {
        "institutes": {"yy_polymer": 3, "yangming": 1, "hengzhun_test": 1},
        "results": {"pm_ozone_ageing": 3, "pm_epdm_lowcs": 1},
        "instruments": {"yypm_ftir": 2, "yypm_instron": 2, "yypm_sigma300": 1, "yypm_dsc": 1},
    },
    "hengren_nylon_clip_fracture": {
        # polymer failure analysis (SEM fracture, DSC, fibre length) + moldflow of the weld line / gate
        "institutes": {"yangming": 3, "yy_polymer": 3, "hengzhun_test": 1},
        "results": {"pm_warpage_comp": 1, "ym_fracture_ai": 1},  # fibre-orientation model; metal-only fractography
        "instruments": {
            "yypm_sigma300": 3,
            "yypm_dsc": 3,
            "yangming_fesem": 2,
            "yypm_moldflow_ws": 2,
            "yypm_instron": 2,
            "hz_industrial_ct": 1,
        },
    },
    # ================================================================== 驰澎汽车部件
    "chipeng_casting_porosity": {
        "institutes": {"yangming": 3, "hengzhun_test": 2},
        "results": {"ym_diecast_porosity": 3, "ym_ct_defect_ai": 2},
        "instruments": {"yangming_ct": 3, "hz_industrial_ct": 3, "yangming_fesem": 2},
    },
    "chipeng_pump_motor": {
        "institutes": {"unnc_elec": 3, "hengzhun_test": 1},
        "results": {"unnc_pump_motor": 3, "unnc_nvh_opt": 2, "unnc_sic_inverter": 1},
        "instruments": {
            "unnc_acoustic_camera": 2,
            "unnc_wt5000": 2,
            "unnc_double_pulse": 2,
            "unnc_emotor_bench": 1,  # 250 kW bench, oversized for a 400 W pump motor
            "hz_climate_chamber": 1,
        },
    },
    "chipeng_sic_controller": {
        "institutes": {"unnc_elec": 3, "hengzhun_test": 1},
        "results": {"unnc_sic_inverter": 2, "unnc_pump_motor": 1},
        "instruments": {"unnc_double_pulse": 3, "unnc_wt5000": 2},
    },
    "chipeng_robot_deburring": {
        "institutes": {"zju_robot": 3, "shunan_ai": 2},
        "results": {"zr_force_grinding": 3, "sa_3d_picking": 2, "zr_kinematic_calib": 1},
        "instruments": {"zju_robot_tracker": 1, "nbim_atos": 1},
    },
    # ================================================================== 擎科智能装备
    "qingke_gantry_vibration": {
        "institutes": {"zju_robot": 3, "zhiqiao_tt": 1},
        "results": {"zr_vibration_suppress": 3},
        "instruments": {"zju_robot_tracker": 2, "zju_robot_xl80": 1},
    },
    "qingke_vision_loading": {
        "institutes": {"shunan_ai": 3, "zju_robot": 2, "zhiqiao_tt": 1},
        "results": {"sa_3d_picking": 3, "zr_kinematic_calib": 1},
        "instruments": {"shunan_vision_gpu": 1, "zju_robot_tracker": 1},
    },
    "qingke_harmonic_reducer": {
        "institutes": {"zju_robot": 3, "yangming": 2},
        "results": {"zr_harmonic_joint": 2, "ym_residual_stress": 2, "ym_fracture_ai": 1},
        "instruments": {"yangming_xrd": 2, "yangming_fesem": 2, "yangming_lscm": 1},
    },
    "qingke_robot_controller": {
        "institutes": {"zju_robot": 3, "unnc_elec": 1},
        "results": {"zr_vibration_suppress": 2, "zr_kinematic_calib": 1},
        "instruments": {"zju_robot_tracker": 2, "zju_robot_xl80": 1},
    },
    # ================================================================== 鸿渡微电机
    "hongdu_vacuum_bldc": {
        # 110 000 r/min: the e-drive bench (20 000 r/min max) cannot test it, so it is not labelled
        "institutes": {"unnc_elec": 3, "hengzhun_test": 1},
        "results": {"unnc_hs_bldc": 3, "unnc_nvh_opt": 1, "hz_bldc_emc": 1},
        "instruments": {"unnc_wt5000": 2, "unnc_acoustic_camera": 1},
    },
    "hongdu_blender_noise": {
        "institutes": {"unnc_elec": 3, "yy_design": 1},
        "results": {"unnc_nvh_opt": 2, "unnc_hs_bldc": 1},  # brushless blender motor is an alternative route
        "instruments": {"unnc_acoustic_camera": 3, "unnc_wt5000": 1},
    },
    "hongdu_low_ree_magnet": {
        # the exact result (unnc_low_ree_motor) is pending review, hence not searchable and not labelled
        "institutes": {"unnc_elec": 3, "hengzhun_test": 1},
        "results": {"unnc_nvh_opt": 1, "unnc_hs_bldc": 1},
        "instruments": {"unnc_emotor_bench": 1, "unnc_wt5000": 1, "hz_climate_chamber": 1},
    },
    # ================================================================== 澄泓电器
    "chenghong_dryer_noise_temp": {
        "institutes": {"unnc_elec": 3, "yy_design": 2, "hengzhun_test": 1},
        "results": {"unnc_hs_bldc": 2, "yd_hairdryer_design": 2, "unnc_nvh_opt": 2},
        "instruments": {"unnc_acoustic_camera": 3, "unnc_wt5000": 1},
    },
    "chenghong_own_brand_design": {
        # design work; the only prototyping instrument (yyid_polyjet) is not voucher-eligible
        "institutes": {"yy_design": 3, "zhiqiao_tt": 1},
        "results": {"yd_hairdryer_design": 3, "yd_kettle_cmf": 1},
        "instruments": {},
    },
    "chenghong_bldc_emc": {
        "institutes": {"hengzhun_test": 3, "unnc_elec": 1},
        "results": {"hz_bldc_emc": 3},
        "instruments": {"hz_emc_chamber": 3},
    },
}

# Free-text queries a firm or institute would type into the search box, with the documents they should find
# (type:key, grade), for testing search beyond demand matching.
QUERIES = [
    # ------------------------------------------------------------------ synonyms: 电镜 ↔ 电子显微镜
    {
        "q": "电镜",
        "relevant": {
            "instrument:yangming_fesem": 3,
            "instrument:yypm_sigma300": 3,
            "institute:yangming": 2,
            "institute:yy_polymer": 1,
            "result:ym_fracture_ai": 1,
        },
    },
    {
        "q": "电子显微镜",
        "relevant": {
            "instrument:yangming_fesem": 3,
            "instrument:yypm_sigma300": 3,
            "institute:yangming": 2,
            "institute:yy_polymer": 1,
            "result:ym_fracture_ai": 1,
        },
    },
    {
        "q": "SEM失效分析",
        "relevant": {
            "institute:yangming": 3,
            "instrument:yangming_fesem": 3,
            "result:ym_fracture_ai": 3,
            "instrument:yypm_sigma300": 2,
            "result:ym_diecast_porosity": 1,
            "demand:hengren_nylon_clip_fracture": 1,
        },
    },
    # ------------------------------------------------------------------ synonyms: CT ↔ 计算机断层扫描
    {
        "q": "工业CT",
        "relevant": {
            "instrument:yangming_ct": 3,
            "instrument:hz_industrial_ct": 3,
            "result:ym_ct_defect_ai": 2,
            "institute:yangming": 2,
            "result:ym_diecast_porosity": 1,
            "institute:hengzhun_test": 1,
        },
    },
    {
        "q": "industrial CT",
        "relevant": {
            "instrument:yangming_ct": 3,
            "instrument:hz_industrial_ct": 3,
            "result:ym_ct_defect_ai": 2,
            "institute:yangming": 2,
            "result:ym_diecast_porosity": 1,
            "institute:hengzhun_test": 1,
        },
    },
    {
        "q": "计算机断层扫描",
        "relevant": {"instrument:yangming_ct": 3, "instrument:hz_industrial_ct": 3, "result:ym_ct_defect_ai": 1},
    },
    {
        "q": "压铸件气孔 CT检测",
        "relevant": {
            "result:ym_diecast_porosity": 3,
            "result:ym_ct_defect_ai": 3,
            "instrument:yangming_ct": 3,
            "instrument:hz_industrial_ct": 3,
            "demand:chipeng_casting_porosity": 2,
            "institute:yangming": 2,
        },
    },
    # ------------------------------------------------------------------ synonyms: 模流 ↔ 模流分析 ↔ Moldflow
    {
        "q": "模流",
        "relevant": {
            "instrument:yypm_moldflow_ws": 3,
            "result:pm_warpage_comp": 2,
            "institute:yy_polymer": 2,
            "result:pm_conformal_cooling": 1,
            "result:pm_hotrunner_seq": 1,
            "demand:muchuan_door_panel_warpage": 1,
        },
    },
    {
        "q": "模流分析",
        "relevant": {
            "instrument:yypm_moldflow_ws": 3,
            "result:pm_warpage_comp": 2,
            "institute:yy_polymer": 2,
            "result:pm_conformal_cooling": 1,
            "result:pm_hotrunner_seq": 1,
            "demand:muchuan_door_panel_warpage": 1,
        },
    },
    {
        "q": "Moldflow simulation",
        "relevant": {
            "instrument:yypm_moldflow_ws": 3,
            "result:pm_warpage_comp": 2,
            "institute:yy_polymer": 2,
            "result:pm_conformal_cooling": 1,
        },
    },
    {
        "q": "注塑件翘曲变形",
        "relevant": {
            "result:pm_warpage_comp": 3,
            "demand:muchuan_door_panel_warpage": 3,
            "instrument:yypm_moldflow_ws": 2,
            "institute:yy_polymer": 2,
            "instrument:nbim_atos": 2,
            "result:pm_conformal_cooling": 1,
        },
    },
    # ------------------------------------------------------------------ product codes
    {"q": "JSM-7900F", "relevant": {"instrument:yangming_fesem": 3}},
    {"q": "D8", "relevant": {"instrument:yangming_xrd": 3}},
    {"q": "AT960", "relevant": {"instrument:zju_robot_tracker": 3}},
    {"q": "WT5000功率分析仪", "relevant": {"instrument:unnc_wt5000": 3}},
    # ------------------------------------------------------------------ instruments by function
    {
        "q": "X射线衍射 残余应力",
        "relevant": {"instrument:yangming_xrd": 3, "result:ym_residual_stress": 3, "institute:yangming": 1},
    },
    {
        "q": "激光跟踪仪",
        "relevant": {"instrument:zju_robot_tracker": 3, "result:zr_kinematic_calib": 2},
    },
    {
        "q": "机器人重复定位精度检测",
        "relevant": {
            "instrument:zju_robot_tracker": 3,
            "institute:zju_robot": 2,
            "result:zr_kinematic_calib": 1,
            "instrument:zju_robot_xl80": 1,
        },
    },
    {"q": "三坐标测量", "relevant": {"instrument:yangming_cmm": 3, "instrument:nbim_atos": 1}},
    {"q": "CMM", "relevant": {"instrument:yangming_cmm": 3}},
    {"q": "3D scanner", "relevant": {"instrument:nbim_atos": 3}},
    {
        "q": "表面粗糙度",
        "relevant": {"instrument:yangming_wli": 3, "instrument:yangming_lscm": 3, "institute:yangming": 1},
    },
    {
        "q": "white light interferometer",
        "relevant": {"instrument:yangming_wli": 3, "instrument:yyoe_interferometer": 1},
    },
    {"q": "红外光谱", "relevant": {"instrument:yypm_ftir": 3, "instrument:yyoe_spectrophotometer": 1}},
    {"q": "FTIR", "relevant": {"instrument:yypm_ftir": 3}},
    {"q": "盐雾试验", "relevant": {"instrument:hz_salt_spray": 3, "institute:hengzhun_test": 2}},
    {
        "q": "电机测功机",
        "relevant": {
            "instrument:unnc_hysteresis_dyno": 3,
            "instrument:unnc_emotor_bench": 2,
            "instrument:unnc_wt5000": 1,
        },
    },
    {
        "q": "acoustic camera",
        "relevant": {"instrument:unnc_acoustic_camera": 3, "result:unnc_nvh_opt": 1},
    },
    {
        "q": "金属3D打印",
        "relevant": {"instrument:yypm_slm": 3, "result:pm_conformal_cooling": 2},
    },
    # ------------------------------------------------------------------ mixed Chinese / English
    {
        "q": "MTF测试",
        "relevant": {
            "instrument:yyoe_mtf": 3,
            "institute:yy_oe_inst": 2,
            "result:oe_active_alignment": 1,
            "result:oe_athermal_lens": 1,
        },
    },
    {
        "q": "SiC inverter",
        "relevant": {
            "result:unnc_sic_inverter": 3,
            "instrument:unnc_double_pulse": 2,
            "institute:unnc_elec": 2,
            "demand:chipeng_sic_controller": 2,
        },
    },
    {
        "q": "碳化硅逆变器",
        "relevant": {
            "result:unnc_sic_inverter": 3,
            "instrument:unnc_double_pulse": 2,
            "institute:unnc_elec": 2,
            "demand:chipeng_sic_controller": 2,
        },
    },
    {
        "q": "SiC MOSFET双脉冲测试",
        "relevant": {
            "instrument:unnc_double_pulse": 3,
            "demand:chipeng_sic_controller": 2,
            "result:unnc_sic_inverter": 1,
        },
    },
    {
        "q": "EMC整改",
        "relevant": {
            "result:hz_bldc_emc": 3,
            "instrument:hz_emc_chamber": 2,
            "institute:hengzhun_test": 2,
            "demand:chenghong_bldc_emc": 2,
            "demand:lanhe_standby_emc": 2,
        },
    },
    {
        "q": "电磁兼容测试",
        "relevant": {
            "instrument:hz_emc_chamber": 3,
            "institute:hengzhun_test": 2,
            "result:hz_bldc_emc": 2,
            "demand:chenghong_bldc_emc": 1,
            "demand:lanhe_standby_emc": 1,
            "demand:ruigan_light_curtain_safety": 1,
        },
    },
    {"q": "车载充电机OBC", "relevant": {"result:unnc_obc": 3, "institute:unnc_elec": 1}},
    {
        "q": "TOF激光测距",
        "relevant": {
            "result:oe_tof_signal": 3,
            "demand:ruigan_tof_module": 3,
            "demand:ruigan_ambient_drift": 1,
            "institute:yy_oe_inst": 1,
        },
    },
    {
        "q": "AMR调度",
        "relevant": {"result:zr_amr_nav": 3, "institute:zju_robot": 1},
    },
    # ------------------------------------------------------------------ technologies and problems
    {
        "q": "离线语音识别",
        "relevant": {
            "result:sa_offline_asr": 3,
            "instrument:shunan_voice_test": 2,
            "institute:shunan_ai": 2,
            "demand:lanhe_voice_control": 2,
        },
    },
    {
        "q": "offline voice recognition",
        "relevant": {
            "result:sa_offline_asr": 3,
            "instrument:shunan_voice_test": 2,
            "institute:shunan_ai": 2,
            "demand:lanhe_voice_control": 2,
        },
    },
    {
        "q": "随形冷却",
        "relevant": {
            "result:pm_conformal_cooling": 3,
            "instrument:yypm_slm": 2,
            "demand:muchuan_conformal_cooling": 2,
            "institute:yy_polymer": 2,
        },
    },
    {
        "q": "conformal cooling",
        "relevant": {
            "result:pm_conformal_cooling": 3,
            "instrument:yypm_slm": 2,
            "demand:muchuan_conformal_cooling": 2,
            "institute:yy_polymer": 1,
        },
    },
    {
        "q": "谐波减速器",
        "relevant": {"result:zr_harmonic_joint": 3, "demand:qingke_harmonic_reducer": 3, "institute:zju_robot": 2},
    },
    {
        "q": "机械手振动抑制",
        "relevant": {
            "result:zr_vibration_suppress": 3,
            "demand:qingke_gantry_vibration": 3,
            "institute:zju_robot": 2,
        },
    },
    {
        "q": "机器人去毛刺打磨",
        "relevant": {"result:zr_force_grinding": 3, "demand:chipeng_robot_deburring": 3, "institute:zju_robot": 2},
    },
    {
        "q": "光学镀膜",
        "relevant": {
            "result:oe_hydrophobic_ar": 3,
            "institute:yy_oe_inst": 2,
            "instrument:yyoe_spectrophotometer": 2,
            "demand:jingche_coating_weathering": 2,
        },
    },
    {
        "q": "无卤阻燃",
        "relevant": {
            "result:pm_hffr_pcabs": 3,
            "institute:yy_polymer": 2,
            "result:pm_epdm_lowcs": 1,
            "demand:hengren_battery_seal": 1,
        },
    },
    {
        "q": "EPDM压缩永久变形",
        "relevant": {
            "result:pm_epdm_lowcs": 3,
            "demand:hengren_battery_seal": 3,
            "result:pm_fkm_lowtemp": 1,
            "institute:yy_polymer": 1,
        },
    },
    {"q": "低气味PP", "relevant": {"result:pm_lowvoc_pp": 3, "institute:yy_polymer": 1}},
    {
        "q": "MES",
        "relevant": {
            "result:nbim_inj_mes": 3,
            "institute:nbim": 2,
            "result:nbim_aps_mold": 2,
            "demand:muchuan_mold_shop_mes": 2,
        },
    },
    {
        "q": "缺陷检测 深度学习",
        "relevant": {
            "result:sa_smallsample_defect": 3,
            "result:ym_ct_defect_ai": 2,
            "instrument:shunan_vision_gpu": 2,
            "institute:shunan_ai": 2,
        },
    },
    {
        "q": "噪声源定位",
        "relevant": {
            "instrument:unnc_acoustic_camera": 3,
            "result:unnc_nvh_opt": 2,
            "demand:hongdu_blender_noise": 2,
            "demand:chenghong_dryer_noise_temp": 1,
        },
    },
    {
        "q": "电机NVH",
        "relevant": {
            "result:unnc_nvh_opt": 3,
            "institute:unnc_elec": 2,
            "instrument:unnc_acoustic_camera": 2,
            "demand:hongdu_blender_noise": 1,
        },
    },
    {
        "q": "高速吹风机",
        "relevant": {
            "result:yd_hairdryer_design": 3,
            "demand:chenghong_dryer_noise_temp": 3,
            "demand:chenghong_own_brand_design": 3,
            "result:unnc_hs_bldc": 2,
        },
    },
    # ------------------------------------------------------------------ looking for an institute / provider
    {
        "q": "光学镜头设计",
        "relevant": {
            "institute:yy_oe_inst": 3,
            "result:oe_athermal_lens": 2,
            "result:oe_stray_light": 2,
            "demand:jingche_thermal_defocus": 1,
        },
    },
    {
        "q": "机器视觉",
        "relevant": {
            "institute:shunan_ai": 3,
            "result:sa_smallsample_defect": 2,
            "result:sa_3d_picking": 2,
            "result:sa_ocr_marking": 2,
            "instrument:shunan_vision_gpu": 1,
            "demand:qingke_vision_loading": 1,
        },
    },
    {"q": "专利价值评估", "relevant": {"result:zq_patent_valuation": 3, "institute:zhiqiao_tt": 3}},
    {
        "q": "motor design institute",
        "relevant": {"institute:unnc_elec": 3, "result:unnc_pump_motor": 1, "result:unnc_hs_bldc": 1},
    },
    # ---------------------------------------------------------- hard: as a firm types it (English, colloquial)
    {
        "q": "injection mold warpage simulation",
        "hard": True,
        "split": "tune",
        "relevant": {
            "institute:yy_polymer": 3,
            "result:pm_warpage_comp": 3,
            "instrument:yypm_moldflow_ws": 3,
            "result:pm_conformal_cooling": 1,
            "demand:muchuan_door_panel_warpage": 1,
        },
    },
    {
        "q": "die casting porosity CT inspection",
        "hard": True,
        "split": "heldout",
        "relevant": {
            "instrument:yangming_ct": 3,
            "instrument:hz_industrial_ct": 3,
            "result:ym_diecast_porosity": 3,
            "result:ym_ct_defect_ai": 2,
            "institute:yangming": 2,
            "demand:chipeng_casting_porosity": 1,
        },
    },
    {
        "q": "rubber seal ageing",
        "hard": True,
        "split": "tune",
        "relevant": {
            "result:pm_ozone_ageing": 3,
            "result:pm_epdm_lowcs": 2,
            "institute:yy_polymer": 2,
            "demand:hengren_damper_ageing": 1,
        },
    },
    {
        "q": "lens stray light ghost",
        "hard": True,
        "split": "heldout",
        "relevant": {"result:oe_stray_light": 3, "institute:yy_oe_inst": 3, "demand:jingche_stray_light": 1},
    },
    {
        "q": "电机噪音大怎么测",
        "hard": True,
        "split": "tune",
        "relevant": {
            "instrument:unnc_acoustic_camera": 3,
            "result:unnc_nvh_opt": 2,
            "institute:unnc_elec": 2,
            "demand:hongdu_blender_noise": 1,
        },
    },
    {
        "q": "机器人重复定位精度怎么检测",
        "hard": True,
        "split": "heldout",
        "relevant": {
            "instrument:zju_robot_tracker": 3,
            "result:zr_kinematic_calib": 2,
            "institute:zju_robot": 2,
            "instrument:zju_robot_xl80": 1,
        },
    },
    {
        "q": "EMC test chamber for appliances",
        "hard": True,
        "split": "tune",
        "relevant": {"instrument:hz_emc_chamber": 3, "institute:hengzhun_test": 3, "result:hz_bldc_emc": 2},
    },
    {
        "q": "salt spray corrosion testing",
        "hard": True,
        "split": "heldout",
        "relevant": {"instrument:hz_salt_spray": 3, "institute:hengzhun_test": 2},
    },
]


# Hard phrasings: the same needs as some demands above, written the way a plant manager writes them — the symptom
# on the shop floor instead of the method, colloquial words, company background first, sometimes in English. Each
# is graded by the judgement of the demand it rephrases (``like``; the copy keeps that demand's industry chain,
# tech field and deadline). ``split``: "tune" items may be looked at while tuning the engine; "heldout" items are
# not (they were written before any tuning and are only measured).
HARD_DEMANDS = [
    # ------------------------------------------------------------------ 模具与注塑
    {
        "like": "muchuan_door_panel_warpage",
        "split": "tune",
        "title": "门板下饰板装车有缝隙，件子出模后一放就翘",
        "problem": "我们是做汽车内饰模具的，厂里二十多台注塑机。这个下饰板很长，壁比较薄，出模后放一天两头翘起来，"
        "装车间隙对不上，改了几次模具还是不行，客户天天催。",
        "target_indicators": "装车后间隙均匀，平面度控制在1mm以内",
    },
    {
        "like": "muchuan_door_panel_warpage",
        "split": "heldout",
        "title": "Door trim panel warps after moulding",
        "problem": "Our PP door trim panel (1.1 m long, thin wall) warps badly after ejection and does not fit "
        "the car "
        "body. We need someone who can simulate the filling and packing and tell us how to change the mould.",
        "target_indicators": "flatness within 1 mm, stable dimensions",
    },
    {
        "like": "muchuan_conformal_cooling",
        "split": "tune",
        "title": "空调面板一模要四十多秒，高光面发花",
        "problem": "面板模具型腔很深，里面的地方水路打不进去，热得很，周期下不来，产品表面光泽一块亮一块暗。",
        "target_indicators": "成型周期缩短三分之一，表面光泽均匀",
    },
    {
        "like": "muchuan_hot_runner",
        "split": "heldout",
        "title": "保险杠表面有明显的线，进口热流道太贵交货慢",
        "problem": "大保险杠模具用的是国外的针阀热流道，喷嘴坏了要等两三个月，价格也高。产品表面熔接的线很明显，"
        "想找国内能做针阀和时序控制的团队一起开发。",
        "target_indicators": "表面无明显熔接线，国产件替代进口",
    },
    {
        "like": "muchuan_mirror_steel",
        "split": "tune",
        "title": "高光模具抛不亮，老有小坑",
        "problem": "家电外观件模具，进口钢材越来越难买，换了国产钢以后抛光总出现小坑和麻点，不知道是钢的问题还"
        "是抛光的问题。",
        "target_indicators": "抛光后无麻点，达到镜面效果",
    },
    {
        "like": "muchuan_mold_shop_mes",
        "split": "heldout",
        "title": "模具厂交期老是拖，不知道哪套模具卡在哪道工序",
        "problem": "厂里同时做三四十套模具，靠excel和微信群排计划，哪台机床在做什么没人说得清，交期经常延误。",
        "target_indicators": "能看到每套模具的进度，按时交付率提高",
    },
    # ------------------------------------------------------------------ 压铸
    {
        "like": "chipeng_casting_porosity",
        "split": "tune",
        "title": "泵壳打压漏气，报废太多",
        "problem": "铝壳压铸出来加工完一打压就有漏的，不良率四个点，切开看里面有很多小孔，想知道孔在哪、怎么改工艺。",
        "target_indicators": "打压不良率降到1%以下",
    },
    {
        "like": "chipeng_casting_porosity",
        "split": "heldout",
        "title": "Leaking aluminium die-cast pump housings",
        "problem": "Our die-cast aluminium housings fail the air leak test after machining (about 4 %). "
        "Sectioning shows "
        "porosity. We need to see where the pores are and fix the casting process.",
        "target_indicators": "leak test scrap below 1 %",
    },
    {
        "like": "chipeng_robot_deburring",
        "split": "tune",
        "title": "打磨工招不到人，想用机器换人",
        "problem": "压铸件的飞边毛刺现在十几个工人拿砂轮手工磨，灰大，人留不住，磨出来的也不一样。",
        "target_indicators": "自动打磨，节拍满足产线，减少人工",
    },
    # ------------------------------------------------------------------ 光学与光电
    {
        "like": "jingche_thermal_defocus",
        "split": "tune",
        "title": "镜头一冷一热画面就糊了",
        "problem": "我们做车载前视镜头的，常温下很清楚，放进高低温箱零下四十度或者八十五度就看不清，客户验收过不了。",
        "target_indicators": "全温度范围画面清晰，MTF达标",
    },
    {
        "like": "jingche_stray_light",
        "split": "heldout",
        "title": "晚上对着车灯拍，画面上全是光斑",
        "problem": "安防摄像头在逆光和夜里车灯照过来的时候，画面里有一圈圈的亮斑和重影，国外客户一直投诉。",
        "target_indicators": "强光下无明显重影和光斑",
    },
    {
        "like": "jingche_coating_weathering",
        "split": "tune",
        "title": "环视镜头外面那片镜片的膜起泡了",
        "problem": "客户做盐雾和湿热试验以后，镜片表面的膜起泡，水珠也挂住了不往下流，想提高膜的耐久性。",
        "target_indicators": "盐雾、湿热试验后膜层无起泡",
    },
    {
        "like": "ruigan_ambient_drift",
        "split": "heldout",
        "title": "光电开关在窗户边上老是乱动作",
        "problem": "物流分拣线上的光电开关，太阳照进来或者车间LED灯一闪就误动作，天热的时候距离也会漂。",
        "target_indicators": "强光下不误动作，温度变化时检测距离稳定",
    },
    {
        "like": "ruigan_tof_module",
        "split": "tune",
        "title": "激光测距用的进口芯片买不到了",
        "problem": "测距传感器里的接收芯片和计时芯片都是国外的，这两年一直断货限量，想找国内团队一起把核心器件做出来。",
        "target_indicators": "国产芯片替代，测距精度不降低",
    },
    # ------------------------------------------------------------------ 电机与电力电子
    {
        "like": "chipeng_pump_motor",
        "split": "heldout",
        "title": "水泵电机效率上不去，声音还大",
        "problem": "新开发的高压电子水泵，样机电机效率才八十出头，转起来有尖叫声，客户要求效率和噪声都要达标。",
        "target_indicators": "电机效率大于88%，噪声降低",
    },
    {
        "like": "chipeng_sic_controller",
        "split": "tune",
        "title": "控制器里的进口功率管太贵还缺货",
        "problem": "高压风扇和水泵控制器用的进口碳化硅管子和驱动芯片，交期长价格高，想换成国产的，但怕可靠性不行。",
        "target_indicators": "国产器件替代，可靠性验证通过",
    },
    {
        "like": "hongdu_vacuum_bldc",
        "split": "tune",
        "title": "吸尘器电机要换成十万转的",
        "problem": "老的串激电机能效不达标，寿命也短，客户要升级，我们自己做不了高速电机和驱动。",
        "target_indicators": "转速10万转以上，效率提升",
    },
    {
        "like": "hongdu_low_ree_magnet",
        "split": "heldout",
        "title": "磁钢涨价太厉害，想少用稀土",
        "problem": "座椅电机和家电电机用的钕铁硼磁钢价格波动很大，成本控制不住，想找不用或少用重稀土的方案。",
        "target_indicators": "性能不下降，磁钢成本降低",
    },
    # ------------------------------------------------------------------ 家电
    {
        "like": "hongdu_blender_noise",
        "split": "tune",
        "title": "破壁机一开就跟拖拉机一样吵",
        "problem": "满速打的时候噪音九十多分贝，客户要做静音款，我们不知道声音主要从哪里来。",
        "target_indicators": "整机噪音降到80分贝以下",
    },
    {
        "like": "chenghong_dryer_noise_temp",
        "split": "heldout",
        "title": "Hair dryer is too loud and the air temperature jumps",
        "problem": "Our high-speed hair dryer prototype has a loud high-pitched whine at top speed and the "
        "outlet air "
        "temperature is not stable.",
        "target_indicators": "lower noise, stable outlet temperature",
    },
    {
        "like": "lanhe_voice_control",
        "split": "tune",
        "title": "空气炸锅想做成喊一声就能用",
        "problem": "想让空气炸锅不联网也能听懂中文英文命令，但风扇很响，怕听不清，成本还不能高。",
        "target_indicators": "噪声环境下识别率高，模块成本低",
    },
    {
        "like": "lanhe_standby_emc",
        "split": "heldout",
        "title": "出口欧洲的水壶待机费电，干扰也超标",
        "problem": "电热水壶和料理锅卖到欧洲，新规要求待机耗电更低，送测的时候干扰还超标了，要一起整改。",
        "target_indicators": "待机功耗和电磁兼容同时达标",
    },
    {
        "like": "chenghong_bldc_emc",
        "split": "tune",
        "title": "卷发棒做CE认证过不了",
        "problem": "卷发棒和剃须刀的驱动板送测时辐射超标好几个dB，改了几版板子还是过不了，急着出货。",
        "target_indicators": "通过CE认证",
    },
    {
        "like": "lanhe_pfas_free_coating",
        "split": "tune",
        "title": "欧洲客户不让用特氟龙涂层了",
        "problem": "炸篮和内锅现在喷的是PTFE，客户说以后不能用，要找一种不含氟、又不粘又耐用的涂层。",
        "target_indicators": "不粘、耐磨，符合欧盟要求",
    },
    # ------------------------------------------------------------------ 橡胶与塑料、汽车零部件
    {
        "like": "hengren_damper_ageing",
        "split": "tune",
        "title": "洗衣机脚垫用两年就裂了变硬了",
        "problem": "南方客户反映我们配套的减震垫用两年表面一道道裂口，摸上去发硬，减震效果也没了。",
        "target_indicators": "使用寿命提高，不开裂",
    },
    {
        "like": "hengren_nylon_clip_fracture",
        "split": "heldout",
        "title": "冬天装车的时候卡扣一按就断",
        "problem": "玻纤尼龙卡扣到了北方冬天，装配工人一按就断，想搞清楚为什么断，是材料还是结构的问题。",
        "target_indicators": "低温装配不断裂",
    },
    {
        "like": "hengren_battery_seal",
        "split": "tune",
        "title": "Battery pack seal loses its spring and is not flame retardant enough",
        "problem": "Our EPDM seal strip for EV battery pack covers takes a permanent set after heat ageing and "
        "also has "
        "to pass a flame test. We need a new rubber compound.",
        "target_indicators": "compression set below 20 %, flame retardant",
    },
    {
        "like": "hengren_fkm_lowtemp",
        "split": "heldout",
        "title": "氟胶圈冬天漏，原料还要进口",
        "problem": "电驱冷却用的O形圈，低温的时候密封不住会渗，做低温氟胶的生胶只能从国外买。",
        "target_indicators": "低温不泄漏，原料国产",
    },
    # ------------------------------------------------------------------ 机器人与自动化
    {
        "like": "qingke_gantry_vibration",
        "split": "tune",
        "title": "机械手跑快了停下来一直晃",
        "problem": "注塑机上取件的机械手速度提上去以后，停的时候手臂晃半天才稳，影响节拍。",
        "target_indicators": "高速停止后快速稳定",
    },
    {
        "like": "qingke_vision_loading",
        "split": "heldout",
        "title": "料筐里的零件乱七八糟，机器人抓不了",
        "problem": "冲压件和注塑件都是散着堆在框里的，现在靠人一个个摆，想让机器人自己看着抓。",
        "target_indicators": "自动抓取成功率高",
    },
    {
        "like": "qingke_harmonic_reducer",
        "split": "tune",
        "title": "机器人关节用久了有间隙，精度掉了",
        "problem": "关节里的国产减速器跑两千小时后间隙变大，重复定位越来越差，想延长寿命。",
        "target_indicators": "长时间运行后精度保持",
    },
    {
        "like": "qingke_robot_controller",
        "split": "heldout",
        "title": "机器人的控制柜全是进口的，成本太高",
        "problem": "我们的上下料机器人控制柜和伺服都用国外品牌，占了三分之一的成本，想自己做。",
        "target_indicators": "自主控制器，成本降低",
    },
    # ------------------------------------------------------------------ 检测认证、光学安全
    {
        "like": "ruigan_light_curtain_safety",
        "split": "tune",
        "title": "客户要安全光幕的安全认证，我们不知道怎么做",
        "problem": "产品以前只做过出厂测试，现在客户要求最高等级的功能安全，我们不懂标准，也不知道找谁测。",
        "target_indicators": "通过功能安全认证预评估",
    },
    {
        "like": "lanhe_temp_control",
        "split": "heldout",
        "title": "炸锅里面温度忽高忽低，烤出来有生有熟",
        "problem": "设定两百度实际上下跳十几度，篮子里不同位置温度也不一样，东西烤不匀。",
        "target_indicators": "温度波动小，腔内温度均匀",
    },
]


if __name__ == "__main__":
    import importlib.util
    import re
    import unicodedata
    from pathlib import Path

    here = Path(__file__).resolve()
    root = here.parents[2]

    def _load(name, relpath):
        spec = importlib.util.spec_from_file_location(f"_relevance_{name}", root / relpath)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    orgs = {o["key"]: o for o in _load("participants", "marketplace/demo/participants.py").ORGANIZATIONS}
    instruments = {i["key"]: i for i in _load("instruments", "instruments/demo/data.py").INSTRUMENTS}
    results = {r["key"]: r for r in _load("results", "tech_transfer/demo/data.py").RESULTS}
    demands = {d["key"]: d for d in _load("demands", "demands/demo/data.py").DEMANDS}

    PUBLIC_DEMANDS = ("open", "in_cooperation", "solved")
    SEARCHABLE_RESULTS = ("published", "transferred")
    SOLVER_KINDS = ("institute", "service_provider")

    def _check_grade(where, grade):
        assert type(grade) is int and 1 <= grade <= 3, (where, grade)

    def _check_institute(where, key):
        assert key in orgs, (where, "unknown organization", key)
        assert orgs[key]["kind"] in SOLVER_KINDS, (where, key, orgs[key]["kind"])

    def _check_result(where, key):
        assert key in results, (where, "unknown result", key)
        assert results[key]["status"] in SEARCHABLE_RESULTS, (where, key, results[key]["status"])

    def _check_instrument(where, key, *, voucher):
        assert key in instruments, (where, "unknown instrument", key)
        assert instruments[key]["status"] == "active", (where, key, instruments[key]["status"])
        if voucher:
            assert instruments[key]["voucher_eligible"] is True, (where, key, "not voucher-eligible")

    def _check_demand(where, key):
        assert key in demands, (where, "unknown demand", key)
        assert demands[key]["status"] in PUBLIC_DEMANDS, (where, key, demands[key]["status"])

    # ---------------------------------------------------------------- JUDGEMENTS
    assert len(JUDGEMENTS) >= 32, len(JUDGEMENTS)
    for demand_key, judged in JUDGEMENTS.items():
        _check_demand("JUDGEMENTS", demand_key)
        assert set(judged) == {"institutes", "results", "instruments"}, (demand_key, set(judged))
        assert judged["institutes"], (demand_key, "needs at least one institute")
        assert max(judged["institutes"].values()) >= 2, (demand_key, "needs an institute graded ≥ 2")
        for key, grade in judged["institutes"].items():
            _check_institute(demand_key, key)
            _check_grade((demand_key, key), grade)
        for key, grade in judged["results"].items():
            _check_result(demand_key, key)
            _check_grade((demand_key, key), grade)
        for key, grade in judged["instruments"].items():
            _check_instrument(demand_key, key, voucher=True)
            _check_grade((demand_key, key), grade)
        # a firm never solves its own demand
        assert demands[demand_key]["firm"] not in judged["institutes"], demand_key
    with_results = sum(bool(j["results"]) for j in JUDGEMENTS.values())
    with_instruments = sum(bool(j["instruments"]) for j in JUDGEMENTS.values())
    assert with_results >= 0.85 * len(JUDGEMENTS), with_results
    assert with_instruments >= 0.85 * len(JUDGEMENTS), with_instruments

    # ---------------------------------------------------------------- HARD_DEMANDS
    assert len(HARD_DEMANDS) >= 30, len(HARD_DEMANDS)
    for item in HARD_DEMANDS:
        assert set(item) <= {"like", "split", "title", "problem", "target_indicators"}, item
        assert item["like"] in JUDGEMENTS, item["like"]
        assert item["split"] in ("tune", "heldout"), item
        assert item["title"].strip() and item["problem"].strip(), item
    heldout = sum(item["split"] == "heldout" for item in HARD_DEMANDS)
    assert heldout >= len(HARD_DEMANDS) // 3, heldout

    # ---------------------------------------------------------------- QUERIES
    assert len(QUERIES) >= 20, len(QUERIES)
    texts = [q["q"] for q in QUERIES]
    assert len(texts) == len(set(texts)), "duplicate query text"
    types_seen = set()
    for query in QUERIES:
        assert {"q", "relevant"} <= set(query) <= {"q", "relevant", "hard", "split"}, query
        assert query.get("split", "tune") in ("tune", "heldout"), query
        text = query["q"]
        assert isinstance(text, str) and text.strip() == text and text, repr(text)
        assert query["relevant"], (text, "no relevant documents")
        assert max(query["relevant"].values()) == 3, (text, "needs a grade-3 document")
        for ref, grade in query["relevant"].items():
            doc_type, _, key = ref.partition(":")
            types_seen.add(doc_type)
            _check_grade((text, ref), grade)
            if doc_type == "instrument":
                _check_instrument(text, key, voucher=False)
            elif doc_type == "result":
                _check_result(text, key)
            elif doc_type == "demand":
                _check_demand(text, key)
            elif doc_type == "institute":
                _check_institute(text, key)
            else:
                raise AssertionError((text, "unknown document type", ref))
    assert types_seen == {"instrument", "result", "demand", "institute"}, types_seen

    def _has_cjk(s):
        return any("\u4e00" <= ch <= "\u9fff" for ch in s)

    def _has_latin(s):
        return bool(re.search(r"[A-Za-z]", s))

    chinese = [t for t in texts if _has_cjk(t) and not _has_latin(t)]
    english = [t for t in texts if _has_latin(t) and not _has_cjk(t) and " " in t]
    mixed = [t for t in texts if _has_cjk(t) and _has_latin(t)]
    codes = [t for t in texts if re.fullmatch(r"[A-Z]+[-A-Z0-9]*\d[-A-Z0-9]*", t)]
    assert len(chinese) >= 5 and len(english) >= 3 and len(mixed) >= 3 and len(codes) >= 2, (
        chinese,
        english,
        mixed,
        codes,
    )
    for a, b in (("电镜", "电子显微镜"), ("工业CT", "计算机断层扫描"), ("模流", "模流分析")):
        assert a in texts and b in texts, (a, b)

    # ---------------------------------------------------------------- this file's own style (CJK = 2 columns)
    for lineno, line in enumerate(here.read_text(encoding="utf-8").splitlines(), 1):
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        assert width <= 120, (lineno, width)

    # ---------------------------------------------------------------- summary
    n = len(JUDGEMENTS)
    n_inst = sum(len(j["institutes"]) for j in JUDGEMENTS.values())
    n_res = sum(len(j["results"]) for j in JUDGEMENTS.values())
    n_ins = sum(len(j["instruments"]) for j in JUDGEMENTS.values())
    public = sum(d["status"] in PUBLIC_DEMANDS for d in demands.values())
    print(f"JUDGEMENTS: {n} demands (of {public} public); labels {n_inst + n_res + n_ins}")
    print(f"  per demand: institutes {n_inst / n:.2f}, results {n_res / n:.2f}, instruments {n_ins / n:.2f}")
    print(f"  demands with ≥1 result: {with_results}, with ≥1 instrument: {with_instruments}")
    n_rel = sum(len(q["relevant"]) for q in QUERIES)
    print(
        f"QUERIES: {len(QUERIES)} (chinese {len(chinese)}, english {len(english)}, mixed {len(mixed)}, "
        f"codes {len(codes)}); {n_rel} labels, {n_rel / len(QUERIES):.2f} per query"
    )
    print("ok")
