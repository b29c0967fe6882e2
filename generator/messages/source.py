"""Catalog: reading and checking the sources — YAML, structure, rules, sign-off (source/).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
Words of the trade follow ARCHITECTURE.md: 版次, 生效, 草稿, 已作废, 文件更改记录, 表单编号.
"""

_YAML = {
    "YAML syntax error: {description}": "YAML 语法错误：{description}",
    "the text cannot be read as YAML": "文本无法按 YAML 读取",
    "check the indentation and the ':' after each key; quote values that contain ': ' or start with a special "
    "character": "请检查缩进和每个键后的“:”；含有“: ”或以特殊字符开头的值请加引号",
    "a tab character is used for indentation": "缩进中用了制表符（Tab）",
    "YAML indents with spaces only; replace the tab with spaces": "YAML 只能用空格缩进；请把制表符换成空格",
    "a quoted value is not closed": "引号中的值没有闭合",
    "add the closing quote mark on the same line": "请在同一行补上结束的引号",
    "the {kind} opened at line {line}, column {column} is not closed: add the closing ']' or '}}', or the missing ','": (
        "第 {line} 行第 {column} 列开始的 {kind} 没有闭合：请补上结束的“]”或“}}”，或缺少的“,”"
    ),
    "{hint} (in the {kind} that starts at line {line})": "{hint}（位于第 {line} 行开始的 {kind} 中）",
    "character U+{code:04X} is not allowed in YAML text": "YAML 文本中不允许出现字符 U+{code:04X}",
    "remove it (control characters often come from copying out of Word or web pages)": "请删除它（控制字符常来自从 Word 或网页复制的文字）",
    "invisible line break U+{code:04X} ({name}) in the text": "文本中有看不见的换行符 U+{code:04X}（{name}）",
    "delete it (it usually comes with text pasted from a web page or Word)": "请删除它（通常来自从网页或 Word 粘贴的文字）",
    "the document expands to more than {count} values": "文件展开后超过 {count} 个值",
    "this is usually an alias bomb (&a [*a, *a, ...]); write the values out instead": (
        "这通常是别名炸弹（&a [*a, *a, ...]）；请直接写出各个值"
    ),
    "nesting deeper than {count} levels": "嵌套超过 {count} 层",
    "nesting is too deep to read": "嵌套太深，无法读取",
    "check the indentation, or a recursive alias (&a [*a])": "请检查缩进，或是否有递归别名（&a [*a]）",
    "check for a recursive alias (&a [*a])": "请检查是否有递归别名（&a [*a]）",
    "check the brackets: each '[' or '{{' needs its partner, and a handbook file needs only a few levels": (
        "请检查括号：每个“[”或“{{”都要成对，手册文件只需要几层"
    ),
    "a handbook file needs only a few levels of lists; check the '- ' markers": "手册文件只需要几层列表；请检查“- ”标记",
    "unsupported YAML tag {tag!r}": "不支持的 YAML 标签 {tag!r}",
    "handbook files use plain YAML only; remove the '!' tag": "手册文件只用普通 YAML；请删除“!”标签",
    "the tag {tag!r} does not fit this kind of value": "标签 {tag!r} 与这种值不符",
    "remove the '!!' tag; plain YAML needs none": "请删除“!!”标签；普通 YAML 不需要标签",
    "{value!r} cannot be read as {type}": "{value!r} 无法按 {type} 读取",
    "remove the '!!' tag, or write a value of that type": "请删除“!!”标签，或写成该类型的值",
    "merge keys ('<<') are not supported": "不支持合并键（“<<”）",
    "write the fields out; merge keys hide where a value comes from": "请直接写出各字段；合并键会掩盖值的来源",
    "a mapping key must be a plain name": "映射的键必须是简单的名称",
    "use a simple word as the key": "请用一个简单的词作键",
    "duplicate key {key!r} (first defined on line {line})": "重复的键 {key!r}（第 {line} 行已定义）",
    "remove one of the two; YAML would silently keep only the last": "请删除其中一个；YAML 会悄悄只保留后一个",
}

_FILES = {
    "file is empty": "文件为空",
    "write the document's fields as a YAML mapping, see README": "请按 YAML 映射写出文件的各字段，见 README",
    "write the fields as a YAML mapping, see README": "请按 YAML 映射写出各字段，见 README",
    "file holds more than one YAML document": "文件中有不止一个 YAML 文档",
    "one document or form per file; remove the '---' separator and split the file": (
        "每个文件只放一份文件或表单；请删除“---”分隔符并拆分文件"
    ),
    "a list": "列表",
    "a single value": "单个值",
    "the file is {kind}, but a mapping of fields is expected": "文件内容是{kind}，而应是字段的映射",
    "start the file with `number: ...` and the other fields, one `key: value` per line": (
        "文件以 `number: ...` 等字段开头，每行一个 `键: 值`"
    ),
    "file is {size:,} bytes, more than the limit of {limit:,}": "文件有 {size:,} 字节，超过上限 {limit:,} 字节",
    "a controlled document or form fits in far less; split it or check that this is the right file": (
        "受控文件或表单远小于此；请拆分，或确认是否选错了文件"
    ),
    "file is not valid UTF-8 text": "文件不是有效的 UTF-8 文本",
    "save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)": (
        "请将文件另存为 UTF-8（GBK/GB2312 文件须转换，例如 `iconv -f GBK -t UTF-8`）"
    ),
    "cannot read file: {reason}": "无法读取文件：{reason}",
    "check the path and permissions": "请检查路径和权限",
    "file is a symbolic link to a file outside the project": "文件是指向项目以外文件的符号链接",
    "copy the file into the project (sources must be regular files inside it) or remove the link": (
        "请把文件复制到项目中（源文件必须是项目内的普通文件），或删除该链接"
    ),
    "not a regular file": "不是普通文件",
    "sources must be regular YAML files; remove it": "源文件必须是普通的 YAML 文件；请删除它",
    "handbook.yml is missing": "缺少 handbook.yml",
    "create it at the project root (see README), or run the command in the handbook folder or pass --root": (
        "请在项目根目录创建它（见 README），或在手册文件夹中运行命令，或用 --root 指定"
    ),
    "file name does not follow the number {number}": "文件名与编号 {number} 不一致",
    "rename the file to {name}": "请将文件重命名为 {name}",
}

_STRUCTURE = {
    "the file": "文件",
    "text": "文本",
    "a mapping": "映射",
    "a whole number": "整数",
    "a number": "数字",
    "true or false": "true 或 false",
    "true/false": "true/false",
    "empty": "空值",
    "{detail}": "{detail}",
    "{where}: {detail}": "{where}：{detail}",
    "missing required field '{name}' in {where}": "{where} 缺少必填字段“{name}”",
    "add `{name}: …` ({description})": "请添加 `{name}: …`（{description}）",
    "add `{name}: …`": "请添加 `{name}: …`",
    "unknown field '{name}' in {where}": "{where} 中有未知字段“{name}”",
    "did you mean '{guess}'?": "是否想写“{guess}”？",
    "allowed fields here: {allowed}": "此处允许的字段：{allowed}",
    "{where} should be {expected}, not {found}": "{where} 应为{expected}，而不是{found}",
    "write plain text on the key's own line, e.g. {key}: {value}": "请在键的同一行写普通文本，例如 {key}: {value}",
    "write plain text on the key's own line, not a list or mapping": "请在键的同一行写普通文本，不要写列表或映射",
    'put the value in quotes so it stays as written: "{written}"': '请给值加上引号，以保持原样："{written}"',
    "write a list: `[a, b]`, or one `- item` per line": "请写成列表：`[a, b]`，或每行一个 `- 项`",
    "write a whole number without quotes, e.g. {key}: 2": "请写不带引号的整数，例如 {key}: 2",
    "write a number without quotes or units, e.g. 12.5": "请写不带引号和单位的数字，例如 12.5",
    "write true or false": "请写 true 或 false",
    "write the fields indented under the key, one `name: value` per line": "请在键下缩进写出各字段，每行一个 `名称: 值`",
    "the value is missing after the ':'; write it, or remove the key": "“:”后缺少值；请写上，或删除该键",
    "{where} is '{value}', which is not one of: {options}": "{where} 为“{value}”，不是以下之一：{options}",
    "use one of: {options}": "请使用以下之一：{options}",
    "{where} is '{value}', which is not a real date": "{where} 为“{value}”，不是有效日期",
    "write dates as YYYY-MM-DD, e.g. 2024-02-29 (check the day exists in that month)": (
        "日期写作 YYYY-MM-DD，例如 2024-02-29（请确认当月有这一天）"
    ),
    "{where} is '{value}', which does not match {pattern}": "{where} 为“{value}”，不符合 {pattern}",
    "ids are lower-case letters, digits and underscores, starting with a letter": "标识由小写字母、数字和下划线组成，以字母开头",
    "a copy number (分发号) names a PDF file: letters, digits and hyphens, e.g. '01' or 'SH-03'": (
        "分发号用作 PDF 文件名：只能有字母、数字和连字符，例如“01”或“SH-03”"
    ),
    "write the intranet address with http:// or https:// and a final /, e.g. http://handbook.internal/": (
        "请写出以 http:// 或 https:// 开头、以 / 结尾的内网地址，例如 http://handbook.internal/"
    ),
    "{where} needs at least {count} entries": "{where} 至少需要 {count} 项",
    "{where} needs at least 1 entry": "{where} 至少需要 1 项",
    "add the entries, or remove the key": "请添加条目，或删除该键",
    "{where} is empty": "{where} 为空",
    "write the text, or remove the key": "请写上文字，或删除该键",
    "use a value from {low} to {high}": "请使用 {low} 到 {high} 之间的值",
    "use a value of at least {low}": "请使用不小于 {low} 的值",
    "use a value of at most {high}": "请使用不大于 {high} 的值",
    "use at most {count} characters": "最多 {count} 个字符",
    "see schemas/ for the allowed values": "允许的值见 schemas/",
    "see the field's definition in schemas/": "字段的定义见 schemas/",
}

_RULES = {
    "document": "文件",
    "form": "表单",
    "{kind} number {number} is already used by {place}": "{kind}编号 {number} 已被 {place} 使用",
    "give this {kind} its own number": "请给这份{kind}一个自己的编号",
    "unknown form '{number}'": "未知的表单“{number}”",
    "refer to forms by number: {number}": "请用表单编号引用表单：{number}",
    "create the form in forms/, or correct the number": "请在 forms/ 中建立该表单，或更正编号",
    "unknown document '{number}'": "未知的文件“{number}”",
    "check the number, or refer to an external document by `title`": "请检查编号，外部文件请用 `title` 引用",
    "unknown document type '{type}'": "未知的文件类型“{type}”",
    "use one of: {types} (handbook.yml document_types)": "请使用以下之一：{types}（handbook.yml 的 document_types）",
    "number {number} does not match the pattern of {type}: {pattern}": "编号 {number} 不符合{type}的编号规则：{pattern}",
    "correct the number, or the type, or the pattern in handbook.yml": "请更正编号或类型，或 handbook.yml 中的编号规则",
    "revision '{revision}' is not in the {scheme} scheme": "版次“{revision}”不符合 {scheme} 版次格式",
    "write revisions like {examples}, or set revision_scheme": "版次写作 {examples}，或设置 revision_scheme",
    "revision goes backwards: {revision} comes after {previous}": "版次倒退：{revision} 排在 {previous} 之后",
    "list the history oldest first; each revision must be higher than the one before": (
        "文件更改记录按时间先后排列；每个版次都必须高于前一个"
    ),
    "revision {revision} takes effect on {date}, before {previous} ({previous_date})": (
        "版次 {revision} 的生效日期 {date} 早于 {previous}（{previous_date}）"
    ),
    "history dates must not go backwards": "文件更改记录的日期不得倒退",
    "current revision {revision} is not the newest history entry ({newest})": "现行版次 {revision} 不是文件更改记录的最后一条（{newest}）",
    "add a history entry for the current revision as the last one, or correct `revision`": (
        "请在文件更改记录末尾为现行版次添加一条，或更正 `revision`"
    ),
    "effective date {effective} differs from the date of history entry {revision} ({date})": (
        "生效日期 {effective} 与文件更改记录中 {revision} 的日期（{date}）不一致"
    ),
    "the last history entry's date is the date the current revision takes effect; make them equal": (
        "文件更改记录最后一条的日期就是现行版次的生效日期；请使两者一致"
    ),
    "{role} signed on {signed}, after revision {revision} took effect ({date})": "{role}签署于 {signed}，晚于版次 {revision} 生效（{date}）",
    "a revision takes effect on or after its approval": "版次应在批准当天或之后生效",
    "{second} ({second_date}) is dated before {first} ({first_date})": "{second}（{second_date}）早于{first}（{first_date}）",
    "sign-off goes 编制 → 审核 → 批准": "签署顺序为 编制 → 审核 → 批准",
    "document is 生效 but revision {revision} has no {role} sign-off": "文件状态为生效，但版次 {revision} 没有{role}签署",
    "form is 生效 but revision {revision} has no {role} sign-off": "表单状态为生效，但版次 {revision} 没有{role}签署",
    "add `{key}: {{name: …, date: …}}` to the last history entry, or set status: 草稿": (
        "请在文件更改记录最后一条中添加 `{key}: {{name: …, date: …}}`，或设为 status: 草稿"
    ),
    "empty step": "空的步骤",
    "give the step a `title`, `text`, `items` or sub-`steps`, or remove it": "请给步骤写上 `title`、`text`、`items` 或子 `steps`，或删除它",
    "a related document needs a `number` (in this handbook) or a `title` (external)": (
        "相关文件需要 `number`（本手册中的文件）或 `title`（外部文件）"
    ),
    "write `number: …` for a document of this handbook, or `title: …` for an external one": (
        "本手册中的文件写 `number: …`，外部文件写 `title: …`"
    ),
    "a document cannot be related to itself": "文件不能与自身相关",
    "remove the entry": "请删除这一条",
    "'{party}' is not a known department or role": "“{party}”不是已知的部门或岗位",
    "add it to `parties` in handbook.yml": "请把它加到 handbook.yml 的 `parties` 中",
    "form number {number} does not match {pattern}": "表单编号 {number} 不符合 {pattern}",
    "correct the number, or form_number_pattern in handbook.yml": "请更正编号，或 handbook.yml 中的 form_number_pattern",
    "revision '{revision}' is not a revision label": "“{revision}”不是版次",
    "write it like A0 or A/00": "请写作 A0 或 A/00",
    "owner {number} never names this form": "所属文件 {number} 中没有引用此表单",
    "add {form} to {number}'s `records` and to the step that uses it": "请把 {form} 加到 {number} 的 `records` 和使用它的步骤中",
    "form {number} is not used by any document": "没有文件使用表单 {number}",
    "reference it from the step that produces it, or remove it": "请在产生它的步骤中引用它，或删除它",
    "duplicate field id '{id}' (first used on line {line})": "字段标识“{id}”重复（第 {line} 行已使用）",
    "field ids become JSON and PDF field names and must be unique in the form": "字段标识用作 JSON 和 PDF 的字段名，在表单内必须唯一",
    "{type} field '{id}' needs at least two `options`": "{type} 字段“{id}”至少需要两个 `options`",
    "list the choices: options: [是, 否]": "请列出选项：options: [是, 否]",
    "`options` only apply to choice fields, not {type}": "`options` 只适用于选择字段，不适用于 {type}",
    "set type: choice, or remove options": "请设为 type: choice，或删除 options",
    "duplicate option": "选项重复",
    "each option must be different": "每个选项必须不同",
    "a table cannot contain a table": "表格中不能再有表格",
    "flatten the columns": "请把列展平",
    "table '{id}' has no `columns`": "表格“{id}”没有 `columns`",
    "add columns: [{{id: …, label: …}}]": "请添加 columns: [{{id: …, label: …}}]",
    "`columns` only apply to table fields": "`columns` 只适用于表格字段",
    "set type: table, or remove columns": "请设为 type: table，或删除 columns",
    "minimum {minimum} is greater than maximum {maximum}": "最小值 {minimum} 大于最大值 {maximum}",
    "swap or correct them": "请对调或更正",
    "pattern is not a valid regular expression: {detail}": "pattern 不是有效的正则表达式：{detail}",
    "check brackets and backslashes; patterns are Python regular expressions": "请检查括号和反斜杠；pattern 是 Python 正则表达式",
    "document type '{name}' is defined twice (first on line {line})": "文件类型“{name}”定义了两次（第 {line} 行已定义）",
    "keep one definition, or give this type another name": "请只保留一处定义，或给这个类型另起名称",
    "not a valid regular expression: {detail}": "不是有效的正则表达式：{detail}",
    "check that every '(' and '[' is closed and backslashes are doubled inside double quotes": (
        "请检查每个“(”和“[”是否闭合，双引号内的反斜杠是否写成两个"
    ),
    "copy number (分发号) '{copy}' is given twice (first on line {line})": "分发号“{copy}”重复（第 {line} 行已使用）",
    "give every holder a copy number of its own": "请给每个持有人一个自己的分发号",
}

_SIGN_OFF = {
    "{name} may not sign {role} of a {type}": "{name} 无权{role}{type}",
    "handbook.yml sign_off allows {names} to sign {role} of a {type}": "按 handbook.yml 的 sign_off，{type}的{role}由 {names} 签署",
    "{name} already signed {other} of {revision}; one person may not also sign {role}": (
        "{name} 已签署 {revision} 的{other}；同一人不得再签{role}"
    ),
    "编制, 审核 and 批准 are three different people (handbook.yml sign_off.distinct_signers)": (
        "编制、审核、批准应由三个不同的人签署（handbook.yml sign_off.distinct_signers）"
    ),
    "{role} of {revision} is dated {date}, after today ({today})": "{revision} 的{role}日期为 {date}，晚于今天（{today}）",
    "a signature is recorded on or after the day it is given, never ahead of it": "签署只能在签署当天或之后记录，不得提前",
    "a withdrawal is recorded but the status is {status}": "已记录作废，但状态为{status}",
    "set status: 已作废, or remove the withdrawal; `handbook withdraw` does both": (
        "请设为 status: 已作废，或删除 withdrawal；`handbook withdraw` 会同时完成两者"
    ),
    "{number} is 已作废 without a withdrawal date and reason": "{number} 已作废，但没有作废日期和原因",
    'record them: `withdrawal: {{date: YYYY-MM-DD, reason: "…"}}` (what `handbook withdraw` writes)': (
        '请记录：`withdrawal: {{date: YYYY-MM-DD, reason: "…"}}`（即 `handbook withdraw` 所写的内容）'
    ),
    "withdrawn on {date}, before revision {revision} took effect ({effective})": "作废日期 {date} 早于版次 {revision} 的生效日期（{effective}）",
    "withdraw on or after {effective}": "作废日期应不早于 {effective}",
    "the review is dated {date}, after today ({today})": "评审日期 {date} 晚于今天（{today}）",
    "record a review on or after the day it took place": "评审只能在进行当天或之后记录",
    "the review dated {date} is before {previous} (revision {revision} or the review before)": (
        "评审日期 {date} 早于 {previous}（版次 {revision} 的生效日期或上次评审）"
    ),
    "reviews of the current revision come after it took effect, oldest first": "现行版次的评审在其生效之后，按时间先后排列",
}

# the roles register (source/validate_roles.py) and flows (source/validate_flow.py)
_ROLES_AND_FLOWS = {
    "a role id is its page's address: lower-case letters, digits and hyphens, e.g. after-sales-manager": (
        "角色标识是其页面的地址：只用小写字母、数字和连字符，如 after-sales-manager"
    ),
    "did you mean '{name}'? Otherwise add the role or an alias to `roles` in handbook.yml": (
        "是否指“{name}”？否则请在 handbook.yml 的 `roles` 中登记该角色或别名"
    ),
    "add the role, or this wording as an alias of a role, to `roles` in handbook.yml": (
        "请在 handbook.yml 的 `roles` 中登记该角色，或把这一写法登记为某个角色的别名"
    ),
    "role id '{id}' is used twice (first on line {first})": "角色标识“{id}”重复使用（首次在第 {first} 行）",
    "give every role an id of its own: it is the address of its page": "每个角色须有自己的标识：它是该角色页面的地址",
    "'{name}' already names the role '{role}' ({id})": "“{name}”已是角色“{role}”（{id}）的名称",
    "a name or alias may stand for one role only: remove it from one of them": "一个名称或别名只能指一个角色：请从其中一处删去",
    "'{party}' is not a registered role": "“{party}”不是登记的角色",
    "'{part}' (in '{party}') is not a registered role": "“{part}”（在“{party}”中）不是登记的角色",
    "'{party}' takes part in this clause twice ({first} and {second})": "“{party}”在本条款中出现两次（{first}和{second}）",
    "name each party once: in `owner` when it is responsible, else once in `involved`": (
        "每个参与方只写一次：负责的写在 `owner`，其他的在 `involved` 中写一次"
    ),
    "flow step id '{id}' is used twice (first on line {line})": "流程步骤标识“{id}”重复使用（首次在第 {line} 行）",
    "give every step of the flow an id of its own": "流程的每一步须有自己的标识",
    "flow step '{id}' leads to '{target}', which is no step of this flow": "流程步骤“{id}”指向“{target}”，但本流程没有这一步",
    "did you mean '{id}'? The steps are: {ids}": "是否指“{id}”？本流程的步骤有：{ids}",
    "the steps are: {ids}": "本流程的步骤有：{ids}",
    "flow step '{id}' has branches but is no decision or parallel split": "流程步骤“{id}”有分支，但既不是判断也不是并行",
    "add `kind: decision` (labelled answers) or `kind: parallel` (paths run side by side)": (
        "请加上 `kind: decision`（分支标注答案）或 `kind: parallel`（各分支同时进行）"
    ),
    "decision": "判断",
    "parallel split": "并行",
    "{what} '{id}' has {count} branches; it needs at least two": "{what}“{id}”有 {count} 个分支；至少需要两个",
    "list its ways out under `branches:`, e.g. - {example}": "请在 `branches:` 下列出各个去向，如 - {example}",
    "{what} '{id}' has a `next`; its ways out are its branches": "{what}“{id}”写了 `next`；它的去向应是各个分支",
    "move the target into `branches:`": "请把该去向移到 `branches:` 中",
    "branch {number} of decision '{id}' has no label": "判断“{id}”的第 {number} 个分支没有标注",
    "write the answer that leads this way, e.g. label: 是 / 否": "请写明走这一分支的答案，如 label: 是 / 否",
    "flow step '{id}' cannot be reached from the first step '{start}'": "流程步骤“{id}”无法从第一步“{start}”到达",
    "point a `next` or a branch of an earlier step at it, or remove it": "请让前面某一步的 `next` 或分支指向它，或删去这一步",
    "lane '{lane}' of flow step '{id}' is not a registered role": "流程步骤“{id}”的泳道“{lane}”不是登记的角色",
}

SOURCE = {**_YAML, **_FILES, **_STRUCTURE, **_RULES, **_SIGN_OFF, **_ROLES_AND_FLOWS}
