"""Catalog: `handbook --help` and click's own words — headings, usage lines, usage errors (cli/).

English → Chinese, the same `{placeholders}` (see generator/messages). `HELP` holds the help
texts of the commands (their docstrings, with each paragraph's lines joined by one space:
`cli.help.help_key`) and of their options (`help=`), which stay in English in the code;
tests/test_cli_help.py walks every command and option and fails on a text missing here.
`CLICK` holds the sentences click itself marks for gettext (click/core.py, exceptions.py,
types.py, parser.py, formatting.py), under click's own English, which `cli/help.py` translates.
"""

HELP = {
    # the group
    "Controlled procedure manuals and their forms, as code.": "用代码管理受控文件手册及其表单。",
    "Show Python tracebacks (for developers of the tool).": "显示 Python 回溯信息（供本工具的开发人员使用）。",
    # options every command shares
    "The handbook project folder (holds handbook.yml).": "手册项目文件夹（其中有 handbook.yml）。",
    "Language of messages and help: zh (简体中文, the default) or en; LANG=en_* or HANDBOOK_LANG=en also give en.": (
        "信息和帮助的语言：zh（简体中文，默认）或 en（英文）；设置 LANG=en_* 或 HANDBOOK_LANG=en 也会使用英文。"
    ),
    "Treat warnings as errors.": "将警告也视为错误。",
    "Output format: text for people, json for other programs.": "输出格式：text 供人阅读，json 供其他程序读取。",
    # check, source-schemas, build, serve
    "Validate documents, forms and settings.": "检查所有文件、表单和设置。",
    "Validate every document, form and the settings; report all problems.": (
        "检查每一份文件、每一张表单和手册设置，报告发现的全部问题。"
    ),
    "Rewrite the source-format JSON Schemas in schemas/.": "重新生成 schemas/ 中的源文件格式 JSON Schema。",
    "Rewrite the source-format JSON Schemas in schemas/ from generator/source/model.py.": (
        "根据 generator/source/model.py 重新生成 schemas/ 中的源文件格式 JSON Schema。"
    ),
    "Build the site and PDFs into site/.": "将网站和 PDF 构建到 site/ 中。",
    "Build the site, PDFs, record schemas and manifest into site/.": (
        "将网站、PDF、记录的 JSON Schema 和清单（manifest.json）构建到 site/ 中。"
    ),
    "Output folder (default: ROOT/site).": "输出文件夹（默认：ROOT/site）。",
    "Preview the handbook in a browser, live.": "在浏览器中实时预览手册。",
    "Serve the handbook with live reload; edits to procedures/ and forms/ rebuild it.": (
        "启动本地预览并自动刷新；修改 procedures/ 和 forms/ 中的文件后会重新构建。"
    ),
    "Address to serve on.": "预览服务的地址。",
    # schema, validate-record
    "Print the JSON Schema of a form's filled record.": "输出表单记录的 JSON Schema。",
    "Print the JSON Schema of a filled record of form FORM_NUMBER.": "输出表单 FORM_NUMBER 的已填记录的 JSON Schema。",
    "Check the filled records of a form.": "检查表单的已填记录。",
    "Check filled records of form FORM_NUMBER: files, folders or glob patterns.\n\n"
    "A folder means every .json, .yaml, .yml and .pdf file in it and its sub-folders. "
    "Exit code 1 when any record is invalid or cannot be read.": (
        "检查表单 FORM_NUMBER 的已填记录：可以给出文件、文件夹或通配符模式。\n\n"
        "给出文件夹时，检查其中及其各级子文件夹里的全部 .json、.yaml、.yml 和 .pdf 文件。"
        "有任何记录无效或无法读取时，退出码为 1。"
    ),
    "Problems shown per record file, then '… N more' (0: all).": (
        "每个记录文件最多列出的问题数，其余只报数量（0：全部列出）。"
    ),
    # document control
    "Start a new revision of a document, as a draft (草稿).": "开始文件的新版次（草稿）。",
    "Start the next revision of DOCUMENT (number or file) as a draft (草稿).": (
        "为文件 DOCUMENT（编号或文件路径）开始下一版次，作为草稿。"
    ),
    "修改说明: what this revision changes (goes into the history entry).": "修改说明：本版次改了什么（写入文件更改记录）。",
    "Planned effective date of the new revision; sign-off must come on or before it (release --effective can move it).": (
        "新版次的计划生效日期；签署须在该日期或之前完成（发布时可用 release --effective 另定）。"
    ),
    "Major revision: A → B (minor counter restarts), instead of A0 → A1.": "大改版：A → B（小版次重新计数），而不是 A0 → A1。",
    "Record a sign-off: 编制, 审核 or 批准.": "记录签署：编制、审核或批准。",
    "Record a sign-off on the newest (draft) revision of DOCUMENT.": "在文件 DOCUMENT 的最新版次（草稿）上记录一项签署。",
    "Which sign-off: 编制 (prepared), 审核 (reviewed), 批准 (approved).": (
        "签署哪一项：编制、审核或批准（也可写作 prepared、reviewed、approved）。"
    ),
    "Who signs (a name or a role title).": "签署人（姓名或岗位名称）。",
    "Date of the signature  [default: today]": "签署日期  [默认：今天]",
    "Make a signed-off draft effective (生效).": "使签署齐全的草稿生效。",
    "Make the draft revision of DOCUMENT effective (生效) once 编制, 审核 and 批准 are recorded.\n\n"
    "Then lists the controlled copies to recall (previous revision) and to issue (this one).": (
        "编制、审核、批准都已记录后，使文件 DOCUMENT 的草稿版次生效。\n\n"
        "然后列出要收回（上一版次）和要发放（本版次）的受控副本。"
    ),
    "Take effect on this date instead of the planned one (on or after the last sign-off).": (
        "改在此日期生效，而不是计划的生效日期（不得早于最后一项签署）。"
    ),
    "List documents due for periodic review.": "列出到期需定期评审的文件。",
    "List released documents whose periodic review is overdue or due soon.": (
        "列出定期评审已逾期或即将到期的已发布文件。"
    ),
    "Count from this date  [default: today]": "从此日期算起  [默认：今天]",
    "List reviews falling due within this many days.": "列出在此天数内到期的评审。",
    "Withdraw a document (已作废) without deleting it.": "作废文件（不删除）。",
    "Withdraw DOCUMENT (已作废) instead of deleting it: its pages and PDFs stay in the archive.": (
        "作废文件 DOCUMENT（已作废），而不是删除它：其页面和 PDF 保留在存档中。"
    ),
    "作废原因: why the document is withdrawn.": "作废原因：为什么作废该文件。",
    "The date from which the document is no longer valid.": "文件自此日期起失效。",
    "Record a periodic review (定期评审).": "记录定期评审。",
    "Record a periodic review (定期评审) of DOCUMENT without a new revision; restarts the review clock.": (
        "记录文件 DOCUMENT 的定期评审（不换版）；评审周期从评审日期起重新计算。"
    ),
    "评审结论: 继续有效 (still suitable) or 需修订 (a revision is needed).": "评审结论：继续有效，或需修订（需要换版）。",
    "Who reviewed it.": "评审人。",
    "Date of the review (not in the future)  [default: today]": "评审日期（不得晚于今天）  [默认：今天]",
    "A remark recorded with the review.": "随评审记录一起保存的备注。",
    # init, new
    "Start a new handbook.": "创建新手册。",
    "Start a new handbook in DIRECTORY (new or empty; default: --root).": (
        "在文件夹 DIRECTORY（新的或空的；默认：--root）中创建新手册。"
    ),
    "Company name (公司名称), e.g. 某某机械有限公司.": "公司名称，例如 某某机械有限公司。",
    "Document types, by name or code, comma-separated: "
    "程序文件 QP, 作业指导书 WI, 管理制度 GZ, 岗位职责 GW, 工作标准 BZ, 操作规程 CZ.": (
        "文件类型，写名称或代码，用逗号分隔：程序文件 QP、作业指导书 WI、管理制度 GZ、岗位职责 GW、工作标准 BZ、操作规程 CZ。"
    ),
    "Handbook title  [default: <company>受控文件手册]": "手册标题  [默认：<company>受控文件手册]",
    "Company prefix of document numbers: --prefix ACME gives ACME/QP-001.": (
        "文件编号的公司前缀：--prefix ACME 得到 ACME/QP-001。"
    ),
    "Write a new draft document or form.": "新建草稿文件或表单。",
    "Write a new draft document (`new document NUMBER --title … --type …`) or form "
    "(`new form NUMBER --title … --document …`), named by its number.": (
        "新建一份草稿文件（`new document NUMBER --title … --type …`）"
        "或一张表单（`new form NUMBER --title … --document …`），文件名取其编号。"
    ),
    "Title (文件名称 / 表单名称).": "标题（文件名称 / 表单名称）。",
    "document: its type, a name or code of handbook.yml document_types.": (
        "document：文件类型，写 handbook.yml 中 document_types 的名称或代码。"
    ),
    "form: the number of the document the form belongs to.": "form：表单所属文件的编号。",
    "document: the owner department (归口部门).": "document：归口部门。",
}

CLICK = {
    # the help page
    "Usage:": "用法：",
    "{heading}:": "{heading}：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    # usage errors (exit code 2)
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "请运行“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有这个选项：{name!r}。",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "Did you mean {possibility}?": "是否想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想写以下之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "integer range": "整数",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个文件夹，不是文件。",
    "Directory": "文件夹",
    "File": "文件",
    "Path": "路径",
}

CLI = HELP | CLICK
