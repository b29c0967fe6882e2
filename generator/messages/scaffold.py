"""Catalog: starting a handbook and adding documents and forms (scaffold/, `handbook init`, `new`).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

SCAFFOLD = {
    "{option} is missing": "缺少 {option}",
    "give it, e.g. {option} {example}": "请给出，例如 {option} {example}",
    "handbook.yml document_types has: {known}": "handbook.yml 的 document_types 中有：{known}",
    "give the number of a document in procedures/ (known: {known})": "请给出 procedures/ 中文件的编号（已有：{known}）",
    "form number {number} is already used by {used}": "表单编号 {number} 已被 {used} 使用",
    "choose another number": "请另选编号",
    "number {number} does not match {rule}: {pattern}": "编号 {number} 不符合{rule}：{pattern}",
    "correct the number, or the pattern in handbook.yml": "请更正编号，或 handbook.yml 中的编号规则",
    "the title is empty": "标题为空",
    "give the title, e.g. --title 文件控制程序": "请给出标题，例如 --title 文件控制程序",
    "choose from {known}, comma-separated, e.g. --types 程序文件,作业指导书": (
        "请从 {known} 中选择，用逗号分隔，例如 --types 程序文件,作业指导书"
    ),
    "prefix '{prefix}' cannot start a document number": "前缀“{prefix}”不能作为文件编号的开头",
    "use 1 to 10 capital letters or digits, starting with a letter, e.g. --prefix ACME": (
        "请用 1 到 10 个大写字母或数字，以字母开头，例如 --prefix ACME"
    ),
    "no document type given": "没有给出文件类型",
    "{path} already exists": "{path} 已存在",
    "choose another number, or edit the existing file": "请另选编号，或修改已有的文件",
    "the company name is empty": "公司名称为空",
    "give it, e.g. --company 某某机械有限公司": "请给出，例如 --company 某某机械有限公司",
    "{root} is not an empty folder": "{root} 不是空文件夹",
    "give a new folder name, e.g. handbook init my-handbook --company …": "请给出新的文件夹名，例如 handbook init my-handbook --company …",
    "initialised a git repository in {root}": "已在 {root} 中建立 git 仓库",
    "updated {change}": "已更新 {change}",
    "the pattern of {type}": "{type}的编号规则",
    "fill in {path}, then: handbook check; handbook approve {number} --as 编制 …": (
        "请填写 {path}，然后：handbook check；handbook approve {number} --as 编制 …"
    ),
    "add the fields to {path}": "请在 {path} 中添加字段",
}
