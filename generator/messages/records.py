"""Catalog: checking filled records (records/, validate-record).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

RECORDS = {
    # what is wrong with a value (records/explain.py); the subject "label (id): " comes before
    "the record": "记录",
    "{finding}": "不符合要求（{finding}）",  # a keyword without wording of its own: jsonschema's message
    "is required but missing": "必填，但没有填写",
    'unknown field "{name}"': '未知字段 "{name}"',
    '{subject}: unknown column "{name}"': '{subject}: 未知的列 "{name}"',
    '{subject}: unknown key "{name}"': '{subject}: 未知的项 "{name}"',
    "did you mean {guess} ({label})?": "是否想写 {guess}（{label}）？",
    "allowed: {allowed}": "可用的有：{allowed}",
    "{unknown}: form {number} has none by that name; {advice}": "{unknown}：表单 {number} 中没有；{advice}",
    # a value of the wrong kind, as "not …": the kind and the value as written
    "true/false {shown}": "真假值 {shown}",
    "the number {shown}": "数字 {shown}",
    "the text {shown}": "文本 {shown}",
    "a list {shown}": "列表 {shown}",
    "an object {shown}": "对象 {shown}",
    "null {shown}": "空值 {shown}",
    'should be text, not the number {shown}; put it in quotes: "{written}"': (
        '应为文本，不是数字 {shown}；请给值加引号，如 "{written}"'
    ),
    "should be text, not {value}": "应为文本，不是{value}",
    "(unit: {unit})": "（单位：{unit}）",
    "should be a number{unit}, not {value}": "应为数字{unit}，不是{value}",
    "should be true (ticked) or false (not ticked), not {shown}": "应为 true（已勾选）或 false（未勾选），不是 {shown}",
    "should be a list of rows, not {shown}": "应为行的列表，不是 {shown}",
    'should be a list of the chosen options, e.g. ["{option}"], not {shown}': (
        '应为所选项的列表，如 ["{option}"]，不是 {shown}'
    ),
    "should be an object of field id → value, not {shown}": "应为 字段 id → 值 的对象，不是 {shown}",
    'should be {{"name": signer, "date": "YYYY-MM-DD"}}, not {shown}': (
        '应为 {{"name": 签字人, "date": "YYYY-MM-DD"}}，不是 {shown}'
    ),
    "each row should be an object of column id → value, not {shown}": "每一行应为 列 id → 值 的对象，不是 {shown}",
    # a value of the right kind that breaks a rule
    '; did you mean "{guess}"?': '；是否想写 "{guess}"？',
    "{shown} is not one of the options: {listed}{advice}": "{shown} 不是可选项，可选：{listed}{advice}",
    "{shown} is not a valid date; expected a real date as YYYY-MM-DD": "{shown} 不是有效日期，应为 YYYY-MM-DD 格式的真实日期",
    "{shown} is not in {format} format": "{shown} 不符合 {format} 格式",
    "{shown} is not a valid time; expected HH:MM or HH:MM:SS on the 24-hour clock, e.g. 09:30": (
        "{shown} 不是有效时间，应为 24 小时制的 HH:MM 或 HH:MM:SS，如 09:30"
    ),
    "{shown} is not a valid date and time; expected YYYY-MM-DD HH:MM (a real date, 24-hour clock), "
    "e.g. 2024-03-01 09:30": (
        "{shown} 不是有效的日期时间，应为 YYYY-MM-DD HH:MM（日期须真实存在，24 小时制），如 2024-03-01 09:30"
    ),
    '{shown} is not a valid amount: yuan, not negative, at most two decimal places, e.g. "19.99"': (
        '{shown} 不是有效金额：金额以元为单位，不为负，至多两位小数（精确到分），如 "19.99"'
    ),
    "{shown} is not a valid phone number; expected an 11-digit mobile number (e.g. 13812345678) "
    "or a landline with area code (e.g. 0571-88886666, extension -123 allowed)": (
        "{shown} 不是有效的电话号码，应为 11 位手机号（如 13812345678）或带区号的座机号（如 0571-88886666，可带分机 -123）"
    ),
    "{shown} does not match the required pattern {pattern}{help}": "{shown} 不符合规定的格式 {pattern}{help}",
    "{shown} is negative; an amount cannot be below 0": "{shown} 是负数，金额不能小于 0",
    "{shown} is below the minimum {bound}{unit}": "{shown} 小于允许的最小值 {bound}{unit}",
    "{shown} is above the maximum {bound}{unit}": "{shown} 大于允许的最大值 {bound}{unit}",
    "has {count} rows; the form has room for {rows}": "填了 {count} 行，本表至多 {rows} 行",
    "is required: fill in at least one row": "必填，至少要填一行",
    "is required: choose at least one option": "必填，至少要选一项",
    "repeats {repeated}; choose each option once": "选项重复：{repeated}；每个选项只能选一次",
    "must not be empty": "不能为空",
    "has {count} characters; at most {limit} are allowed": "有 {count} 个字，至多 {limit} 个字",
    "is an empty row; remove it or fill it in": "是空行，删去它或填写内容",
    # a file that cannot be read as a record (records/limits.py, read.py, pdf_values.py)
    "cannot read the file: {reason}": "无法读取文件：{reason}",
    "check the path and the permissions": "检查路径和权限",
    "the file has {size:,} bytes, too large to be a record": "文件有 {size:,} 字节，太大，不像是一份记录",
    "the file has {size:,} bytes, more than the limit of {limit:,} for a record": (
        "文件有 {size:,} 字节，超过记录文件的上限 {limit:,} 字节"
    ),
    "check that this is a filled record file": "确认这是一份填好的记录文件",
    "a record has only a few levels (fields, table rows, cells); check the brackets": (
        "一份记录只有几层（字段、表格行、单元格）；检查括号是否成对"
    ),
    "the PDF is encrypted (password or permissions protection); its fields cannot be read": (
        "PDF 已加密（设有密码或权限保护），无法读取其字段"
    ),
    "save an unencrypted copy (e.g. qpdf --decrypt in.pdf out.pdf) and check that": (
        "另存一份未加密的 PDF（例如 qpdf --decrypt 加密.pdf 未加密.pdf）再检查"
    ),
    "this is the fillable PDF of form {other} ({title}), not of form {number}": (
        "这是表单 {other}（{title}）的可填写 PDF，不是表单 {number} 的"
    ),
    "check it against its own form: handbook validate-record {number} {path}": (
        "按它的表单检查：handbook validate-record {number} {path}"
    ),
    "unsupported file type {suffix}": "不支持的文件类型 {suffix}",
    "(no extension)": "（无扩展名）",
    "a record is a .json, .yaml, .yml or filled .pdf file": "记录应为 .json、.yaml、.yml 或填好的 .pdf 文件",
    "the file is not UTF-8 text": "文件不是 UTF-8 文本",
    "save it as UTF-8 (convert GBK files with iconv -f GBK -t UTF-8)": (
        "以 UTF-8 编码保存（GBK 文件可用 iconv -f GBK -t UTF-8 转换）"
    ),
    "JSON syntax error: {detail}": "JSON 语法错误：{detail}",
    "check the quotes, commas and brackets": "检查引号、逗号和括号",
    "invalid JSON: {detail}": "JSON 内容有误：{detail}",
    "cannot read the PDF: {detail}": "无法读取 PDF：{detail}",
    "check that it is a complete, unencrypted fillable PDF": "确认这是完整、未加密的可填写 PDF",
    "this PDF has no fillable fields": "这个 PDF 没有可填写的字段",
    "use the fillable PDF of form {number}": "请使用表单 {number} 的可填写 PDF",
    # the command (cli/records.py)
    'unknown form number "{number}"; did you mean {guess}?': '未知的表单编号 "{number}"；是否想写 {guess}？',
    'unknown form number "{number}"; the forms are: {forms}': '未知的表单编号 "{number}"；已有的表单：{forms}',
    "{path}: the folder holds no record files (.json, .yaml, .yml, .pdf)": (
        "{path}: 文件夹中没有记录文件（.json、.yaml、.yml、.pdf）"
    ),
    "{path}: no record file matches": "{path}: 没有匹配的记录文件",
    "{path}: no such file or folder": "{path}: 找不到这个文件或文件夹",
    "cannot read": "无法读取",
    "cannot read: {message}": "无法读取: {message}",
    "hint": "提示",
    "… {count} more": "…… 另有 {count} 个问题未列出",
    "1 record: {valid} valid, {invalid} invalid": "1 个记录：{valid} 个有效，{invalid} 个无效",
    "{total} records: {valid} valid, {invalid} invalid": "{total} 个记录：{valid} 个有效，{invalid} 个无效",
    " ({unreadable} unreadable)": "（其中 {unreadable} 个无法读取）",
}
