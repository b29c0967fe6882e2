"""Catalog: document control — revise, approve, release, withdraw, review (control/).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

CONTROL = {
    # what a command may not do to a document in its state; {action} is one of the words below
    "revised": "修订",
    "signed off": "签署",
    "released": "发布",
    "withdrawn": "作废",
    "reviewed": "评审",
    "{number} is withdrawn (已作废); it cannot be {action}": "{number} 已作废，不能再{action}",
    "a withdrawn document stays as archived; create a new document instead": "已作废的文件保留在存档中；请另建新文件",
    "{number} revision {revision} is a draft (草稿) that has not been released; it cannot be {action}": (
        "{number} 的版次 {revision} 是尚未发布的草稿，不能{action}"
    ),
    "finish it first: `handbook approve {number} --as 编制|审核|批准 --name …`, then `handbook release {number}`; "
    "or edit the draft itself": (
        "请先完成它：`handbook approve {number} --as 编制|审核|批准 --name …`，再 `handbook release {number}`；"
        "或直接修改草稿"
    ),
    "{number} revision {revision} is already released (生效); it cannot be {action}": (
        "{number} 的版次 {revision} 已发布（生效），不能再{action}"
    ),
    'start a new revision first: `handbook revise {number} --change "…" --effective YYYY-MM-DD`': (
        '请先开始新版次：`handbook revise {number} --change "…" --effective YYYY-MM-DD`'
    ),
    "cannot revise {revision}: {detail}": "无法修订 {revision}：{detail}",
    "{number}: {revision} → {label} (草稿), planned to take effect on {effective}": (
        "{number}：{revision} → {label}（草稿），计划生效日期 {effective}"
    ),
    # sign-off
    "{role} of {revision} is already recorded ({name}, {date})": "{revision} 的{role}已有记录（{name}，{date}）",
    "to correct it, edit the entry in the file; a recorded sign-off is never overwritten by a command": (
        "如需更正，请直接修改文件中的这一条；命令不会覆盖已记录的签署"
    ),
    "{role} cannot be recorded before {missing} for {revision}": "{revision} 尚无{missing}，不能先记录{role}",
    "sign-off goes 编制 → 审核 → 批准; record {role} first": "签署顺序为 编制 → 审核 → 批准；请先记录{role}",
    "{role} dated {date} is before {previous} ({previous_date})": "{role}日期 {date} 早于{previous}（{previous_date}）",
    "sign-off goes 编制 → 审核 → 批准; date the {role} on or after {date}": (
        "签署顺序为 编制 → 审核 → 批准；{role}日期应不早于 {date}"
    ),
    "{role} dated {date} is after {revision} takes effect ({effective})": "{role}日期 {date} 晚于 {revision} 的生效日期（{effective}）",
    "sign on or before {effective}; if the revision will take effect later, change `effective` and this entry's "
    "`date` in {path} first": (
        "请在 {effective} 或之前签署；如该版次推迟生效，请先修改 {path} 中的 `effective` 和这一条的 `date`"
    ),
    "{role} dated {date} is after today ({today})": "{role}日期 {date} 晚于今天（{today}）",
    "a signature is recorded on or after the day it is given; leave out --date to sign today": (
        "签署只能在签署当天或之后记录；不写 --date 即以今天签署"
    ),
    "the signer's name is empty": "签署人姓名为空",
    "give --name, e.g. --name 品质部经理": "请用 --name 给出，例如 --name 品质部经理",
    "{number} {revision}: {role} {name} ({date}); still missing: {missing}": (
        "{number} {revision}：{role} {name}（{date}）；尚缺：{missing}"
    ),
    "{number} {revision}: {role} {name} ({date}); sign-off complete": "{number} {revision}：{role} {name}（{date}）；签署齐全",
    # release
    "{number} {revision} cannot be released: no {missing} sign-off": "{number} {revision} 不能发布：尚无{missing}签署",
    "record it first: `handbook approve {number} --as {role} --name … --date YYYY-MM-DD`": (
        "请先记录：`handbook approve {number} --as {role} --name … --date YYYY-MM-DD`"
    ),
    "{revision} cannot take effect on {effective}, before its last sign-off ({signed})": (
        "{revision} 不能在 {effective} 生效：早于最后一项签署（{signed}）"
    ),
    "choose an effective date on or after {date}": "请选择不早于 {date} 的生效日期",
    "{number} {revision} released (生效), takes effect on {effective}": "{number} {revision} 已发布（生效），生效日期 {effective}",
    "{summary}; {previous} is superseded from that date": "{summary}；{previous} 自该日起被替代",
    # finding and editing the file
    "did you mean {guesses}?": "是否想写 {guesses}？",
    "known documents: {numbers}": "已有的文件：{numbers}",
    "none": "无",
    "no document numbered {reference} in {procedures}/ or {forms}/": "{procedures}/ 和 {forms}/ 中没有编号为 {reference} 的文件",
    "no such file: {reference}": "找不到文件：{reference}",
    "give the document number (e.g. SH/GZ-001) or an existing file path": "请给出文件编号（例如 SH/GZ-001）或已有的文件路径",
    "{reference} is not part of the handbook in {root}": "{reference} 不属于 {root} 中的手册",
    "give a document of this handbook, or pass the right --root": "请给出本手册中的文件，或用 --root 指定正确的项目文件夹",
    "cannot edit this file: it does not pass the structural check": "无法修改此文件：它未通过结构检查",
    "fix the problems below first (`handbook check`)": "请先修正下列问题（`handbook check`）",
    "not written: after this edit the file would fail `handbook check`": "未写入：这样修改后，文件将无法通过 `handbook check`",
    "the file is unchanged; the positions below are those of the edited text": "文件未改动；下列位置指修改后的文本",
    "cannot write the file: {reason}": "无法写入文件：{reason}",
    "check the permissions of the file and its folder; the file is unchanged": "请检查文件及其文件夹的权限；文件未改动",
    "{count} line(s) outside the edited fields were re-indented to one style (the file mixed styles); check the diff": (
        "所改字段以外有 {count} 行的缩进被统一（原文件混用了几种缩进风格）；请查看差异"
    ),
    # withdraw and review
    "{what} is dated {date}, after today ({today})": "{what}的日期 {date} 晚于今天（{today}）",
    "record what has happened, on the day it happened or later; never date it ahead": "只记录已发生的事，日期为发生当天或之后，不得提前",
    "the review": "评审",
    "{number} is a form; withdraw works on documents": "{number} 是表单；作废只适用于文件",
    "a form leaves use with a new revision of the documents that name it (remove it from their records and clauses)": (
        "表单随引用它的文件换版而停用（在那些文件的记录和条款中删去它）"
    ),
    "the reason for the withdrawal is empty": "作废原因为空",
    'give --reason "…"': '请用 --reason "…" 给出',
    "{number} cannot be withdrawn on {date}, before its revision {revision} took effect ({effective})": (
        "{number} 不能在 {date} 作废：早于其版次 {revision} 的生效日期（{effective}）"
    ),
    "choose a date on or after {date}": "请选择不早于 {date} 的日期",
    "{number} {revision} withdrawn (已作废) from {effective}: {reason}; its pages and PDFs stay in the archive": (
        "{number} {revision} 自 {effective} 起作废（已作废）：{reason}；其页面和 PDF 保留在存档中"
    ),
    "{number} is a form; periodic reviews are recorded on documents": "{number} 是表单；定期评审记录在文件上",
    "review the documents that use it: `handbook review-due` lists them": "请评审使用它的文件：`handbook review-due` 会列出",
    "the reviewer's name is empty": "评审人姓名为空",
    "the review dated {date} is before {latest}, the last review or the date {revision} took effect": (
        "评审日期 {date} 早于 {latest}（上次评审或 {revision} 生效的日期）"
    ),
    "date the review on or after {date}": "评审日期应不早于 {date}",
    "{number} {revision}: 定期评审 {result} ({name}, {date}); the review clock restarts from this date": (
        "{number} {revision}：定期评审 {result}（{name}，{date}）；评审周期自该日起重新计算"
    ),
    "no document is due for review within {days} days of {date}": "自 {date} 起 {days} 天内没有到期需评审的文件",
    "{count} document(s) due for review as of {date}, {overdue} overdue": "截至 {date}，{count} 份文件到期需评审，其中 {overdue} 份已逾期",
    # recall and issue of controlled copies
    "{revision} was not found in git history: its holders are taken from the current list": (
        "git 历史中找不到 {revision}：其持有人取自现行分发清单"
    ),
    "recall {count} copies of {number} {revision} (收回, from {effective}):": "收回 {number} {revision} 共 {count} 份（自 {effective} 起）：",
    "issue {count} copies of {number} {revision} (发放):": "发放 {number} {revision} 共 {count} 份：",
    "  (none: no distribution list)": "  （无：没有分发清单）",
    "登记表: {pdf} and {page} after `handbook build`": "登记表：`handbook build` 之后见 {pdf} 和 {page}",
    "note: {note}": "注意：{note}",
}

CONTROL |= {
    # a form named in a document's records (handbook new form --document …)
    "{number} is a form; a form belongs to a document": "{number} 是表单；表单须属于一个文件",
    "give the number of a document in procedures/ with --document": "请用 --document 给出 procedures/ 中某个文件的编号",
    "{number} revision {revision} is released; its records cannot change in place": (
        "{number} 的版次 {revision} 已发布，不能在原处修改其质量记录"
    ),
    'start a new revision first: `handbook revise {number} --change "增加表单 {form}" --effective YYYY-MM-DD`': (
        '请先开始新版次：`handbook revise {number} --change "增加表单 {form}" --effective YYYY-MM-DD`'
    ),
    "{number} already names {form} in its records": "{number} 的质量记录中已有 {form}",
}
