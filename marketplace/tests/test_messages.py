"""User-visible messages are written in Chinese only; English comes from the catalogue (locale/en), never from a
gloss inside the Chinese text ("您不是该机构的成员 (you are not a member …)") that Chinese and English pages would
both show."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from marketplace.testing import api_client, make_organization, make_user

GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
#: Keyword arguments and exceptions whose text users read even when it is not wrapped in gettext.
USER_VISIBLE_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "violation_error_message",
    "empty_label",
    "placeholder",
}
USER_VISIBLE_CALLS = {"DomainError", "RuleViolation", "IllegalTransition", "Busy", "ValidationError"}
SKIPPED_PARTS = {".venv", "demo", "tests", "migrations", "node_modules", "bench", "test-artifacts"}

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|<[^>]+>")
# A bracketed group with no Chinese inside and an English word in it: "(already invited)", "（the slot is taken）".
GLOSS_IN_BRACKETS = re.compile(r"[(（]([^()（）\u4e00-\u9fff]*\b[a-z]{3,}\b[^()（）\u4e00-\u9fff]*)[)）]")
# Two English words in a row: "区划代码 of the owner", "empty = 面议" is caught by the next pattern.
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}[ ,;:]+[a-z]{2,}\b")
ENGLISH_DEFINITION = re.compile(r"^[a-z]+ = |[\u4e00-\u9fff]\s*/\s*[A-Za-z]{2,}|[A-Za-z]{2,}\s*/\s*[\u4e00-\u9fff]")


def is_mixed(text: str) -> bool:
    """Chinese text that carries an English gloss or phrase of its own."""
    if not CJK.search(text):
        return False
    bare = PLACEHOLDER.sub(" ", text)
    return bool(GLOSS_IN_BRACKETS.search(bare) or ENGLISH_PHRASE.search(bare) or ENGLISH_DEFINITION.search(bare))


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _strings(node):
    """String constants directly in ``node`` or in its nested tuples/lists (choices) and gettext calls."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _strings(element)
    elif isinstance(node, ast.Call) and _call_name(node) in GETTEXT:
        yield from _strings(node.args[0]) if node.args else ()


def user_visible_literals(tree: ast.AST):
    """(line, text) of string literals users read: gettext arguments, labels/help texts, choice labels, domain error
    messages."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any("Choices" in ast.unparse(base) for base in node.bases):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    yield from ((value.lineno, value.value) for value in _strings(statement.value))
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "choices":
                    yield from ((value.lineno, value.value) for value in _strings(kw.value))
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        candidates = []
        if name in GETTEXT or name in USER_VISIBLE_CALLS:
            candidates += node.args[:1] if name in USER_VISIBLE_CALLS else node.args
        candidates += [kw.value for kw in node.keywords if kw.arg in USER_VISIBLE_KEYWORDS]
        for value in candidates:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.lineno, value.value


def project_sources():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_PARTS.intersection(relative.parts) or relative.name.startswith("test_"):
            continue
        yield relative, path


class MixedMessagesTest(SimpleTestCase):
    def test_the_detector(self):
        for mixed in (
            "您不是该机构的成员，不能代表它操作 (you are not a member of that organization).",
            "搜索 (name, credit code, description, expertise)",
            "区划代码 of the owner (includes sub-regions)",
            "认证所选机构 (verify)",
            "超出%(period)s预约配额 (over the %(period)s quota: %(limit)s).",
            "empty = 面议",
            "即将进行 / upcoming",
        ):
            self.assertTrue(is_mixed(mixed), mixed)
        for clean in (
            "您不是该机构的成员，不能代表它操作。",
            "搜索（名称、统一社会信用代码、简介、专长）",
            "照片不能超过 5 MB。",
            "技术成熟度(TRL)",
            "开具月份（YYYY-MM）",
            "请选择代表的机构：在 X-Organization 请求头中填写机构ID。",
            "对象类型（app_label.model，例如 marketplace.organization）",
            '<a href="%(url)s">登录</a>后可出价。',
            "The system is busy, please retry.",
        ):
            self.assertFalse(is_mixed(clean), clean)

    def test_no_user_visible_message_mixes_chinese_with_english(self):
        found = []
        for relative, path in project_sources():
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
            found += [f"{relative}:{line}: {text!r}" for line, text in user_visible_literals(tree) if is_mixed(text)]
        self.assertEqual(
            found,
            [],
            "Write the message in Chinese only and put its English in locale/en/LC_MESSAGES/django.po:\n"
            + "\n".join(found),
        )


class ErrorLanguageTest(TestCase):
    """An API error answers in Chinese by default and in English when the client asks for it."""

    def test_acting_for_a_foreign_organization(self):
        own, foreign = make_organization(), make_organization()
        client = api_client(make_user(organization=own), foreign)
        url = reverse("api:user-me")

        response = client.get(url)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json(), {"code": "not_a_member", "detail": "您不是该机构的成员，不能代表它操作。"})

        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(
            response.json(),
            {"code": "not_a_member", "detail": "You are not a member of that organization and cannot act for it."},
        )

    def test_a_validation_error_in_english(self):
        client = api_client()
        response = client.post(reverse("api:auth-token"), {"username": "nobody", "password": "x"}, format="json")
        self.assertEqual(response.status_code, 400, response.content)
        self.assertEqual(response.json()["detail"], "输入有误，请检查标出的字段。")
        response = client.post(
            reverse("api:auth-token"), {"username": "nobody", "password": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(response.json()["detail"], "Invalid input: please check the marked fields.")
        self.assertIn("Wrong username or password.", str(response.json()["errors"]))
