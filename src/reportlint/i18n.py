"""The words people read around the messages: Chinese by default, English with `--lang en` for
tooling that parses the text output. Codes, rule names and JSON keys never change with the language;
the messages themselves are Chinese in both.

`RULE_TITLES` is the one table of the rules' Chinese titles (an annotated DOCX's comments, the HTML
review page); a rule missing from it (a plugin's) is shown by its name.
"""

from __future__ import annotations

from .findings import Severity

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

# the role of a top-level part or a comparison heading (`tree`, the HTML outline)
ROLE_NAMES = {
    "problems": "问题",
    "causes": "原因",
    "measures": "措施",
    "previous": "上年度整改",
    "case": "案例剖析",
    "comparison": "对照",
    "other": "其他",
}

# the kinds of closing matter (closing.KINDS)
CLOSING_NAMES = {
    "signature": "落款",
    "date": "日期",
    "attachments": "附件",
    "attachment-page": "附件页",
    "cc": "抄送",
    "other": "其他",
}

RULE_TITLES = {
    "RL100": "不是检查材料",
    "RL101": "缺少必备部分",
    "RL102": "部分顺序不当",
    "RL103": "缺少对照内容",
    "RL104": "标题下无内容",
    "RL105": "编号不连续",
    "RL106": "编号层级错乱",
    "RL201": "问题缺少原因",
    "RL202": "问题缺少整改措施",
    "RL203": "原因无对应问题",
    "RL204": "措施无对应问题",
    "RL301": "模板占位符未替换",
    "RL302": "拼音代替汉字",
    "RL303": "会议类型不符",
    "RL304": "问题不具体",
    "RL305": "措施不具体",
    "RL306": "提法过时",
    "RL307": "篇幅过短",
    "RL308": "内容重复",
    "RL309": "易错字词",
    "RL310": "标点空格不规范",
    "RL311": "宣布的数目与内容不符",
    "RL312": "检查标准与标题不符",
    "RL313": "年份与标题不符",
    "RL314": "提法前后不一致",
    "RL315": "引号括号不成对",
    "RL316": "标点全角半角不当",
    "RL317": "日期写法不规范",
    "RL318": "数字用法不规范",
    "RL319": "序号后标点不当",
    "RL320": "规范提法成员有误",
    "RL321": "规范提法名称有误",
    "RL401": "标题字体字号",
    "RL402": "各级标题字体字号",
    "RL403": "正文字体字号",
    "RL404": "行距",
    "RL405": "首行缩进",
    "RL406": "纸张与页边距",
    "RL407": "页码",
    "RL408": "序号后多余标点",
}


def severity_name(severity: Severity, lang: str = DEFAULT_LANG) -> str:
    """错误 / 警告 / 提示, or error / warning / info."""
    return str(severity) if lang == "en" else _SEVERITY[severity]


def rule_title(code: str, name: str, lang: str = DEFAULT_LANG) -> str:
    """The rule's Chinese title (its name with `--lang en`, or when it has none)."""
    return name if lang == "en" else RULE_TITLES.get(code, name)


def role_name(role: str, lang: str = DEFAULT_LANG) -> str:
    return role if lang == "en" else ROLE_NAMES.get(role, role)


def closing_name(kind: str, lang: str = DEFAULT_LANG) -> str:
    return kind if lang == "en" else CLOSING_NAMES.get(kind, kind)
