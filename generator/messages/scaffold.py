"""Catalog: starting a handbook — `handbook init`, `handbook new document|form` (scaffold/).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

SCAFFOLD = {
    # init
    "the company name is empty": "公司名称为空",
    "give it, e.g. --company 某某机械有限公司": "请给出公司名称，例如 --company 某某机械有限公司",
    "{folder} is not an empty folder": "{folder} 不是空文件夹",
    "give a new folder name, e.g. handbook init my-handbook --company …": (
        "请给一个新文件夹名，例如 handbook init my-handbook --company …"
    ),
    "unknown document type '{name}'": "未知的文件类型“{name}”",
    "no document type given": "没有给出文件类型",
    "choose from {known}, comma-separated, e.g. --types 程序文件,作业指导书": (
        "请从 {known} 中选择，用逗号分隔，例如 --types 程序文件,作业指导书"
    ),
    "prefix '{prefix}' cannot start a document number": "前缀“{prefix}”不能作为文件编号的开头",
    "use 1 to 10 capital letters or digits, starting with a letter, e.g. --prefix ACME": (
        "请用 1 到 10 个大写字母或数字，以字母开头，例如 --prefix ACME"
    ),
    "updated {change}": "已更新 {change}",
    "initialised a git repository in {folder}": "已在 {folder} 中初始化 git 仓库",
    # new
    "{option} is missing": "缺少 {option}",
    "give it, e.g. {option} {example}": "请给出，例如 {option} {example}",
    "the title is empty": "标题为空",
    "give the title, e.g. --title 文件控制程序": "请给出标题，例如 --title 文件控制程序",
    "number {number} does not match {rule}: {pattern}": "编号 {number} 不符合{rule}：{pattern}",
    "the pattern of {type}": "{type}的编号规则",
    "form_number_pattern": "表单编号规则 form_number_pattern",
    "correct the number, or the pattern in handbook.yml": "请改正编号，或修改 handbook.yml 中的编号规则",
    "handbook.yml document_types has: {known}": "handbook.yml 的 document_types 中有：{known}",
    "unknown document '{document}'": "未知的文件“{document}”",
    "give the number of a document in procedures/ (known: {known})": "请给出 procedures/ 中某个文件的编号（现有：{known}）",
    "none yet": "尚无",
    "form number {number} is already used by {used}": "表单编号 {number} 已被 {used} 使用",
    "choose another number": "请换一个编号",
    "{path} already exists": "{path} 已存在",
    "choose another number, or edit the existing file": "请换一个编号，或修改已有的文件",
    "fill in {path}, then: handbook check; handbook approve {number} --as 编制 …": (
        "填写 {path}，然后：handbook check；handbook approve {number} --as 编制 …"
    ),
    "add the fields to {path}": "在 {path} 中添加字段",
    "add the fields to {path}, and name it in the clause that uses it (`forms:` in {owner})": (
        "在 {path} 中添加字段，并在使用它的条款中写出它（{owner} 的 `forms:`）"
    ),
    "add the fields to {path}; {number} is released, so name the form in its next revision: "
    'handbook revise {number} --change "增加表单" --effective YYYY-MM-DD, then add it to `records`': (
        "在 {path} 中添加字段；{number} 已发布，请在它的下一版次中写出该表单："
        'handbook revise {number} --change "增加表单" --effective YYYY-MM-DD，再将表单加入 `records`'
    ),
    # the owner's records (control/form_records.py)
    "{number}: {form} added to its records (保管 {keeper}, {retention})": (
        "{number}：{form} 已加入其质量记录（保管 {keeper}，{retention}）"
    ),
}
