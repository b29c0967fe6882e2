"""Catalog: the report around diagnostics and the commands' own lines (cli/, diagnostics.py).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

REPORT = {
    "error": "错误",
    "warning": "警告",
    "{severity}: {message}": "{severity}：{message}",
    "hint: {hint}": "提示：{hint}",
    "{errors} error(s), {warnings} warning(s)": "{errors} 个错误，{warnings} 个警告",
    "ok: {documents} documents, {forms} forms": "检查通过：{documents} 份文件，{forms} 张表单",
    "wrote {path}": "已写入 {path}",
    "built {path}": "已构建到 {path}",
    "{path}: {summary}": "{path}: {summary}",  # a file's path stays as editors and terminals show it
    "{path}: note: {note}": "{path}: 注意：{note}",
    "next: {step}": "下一步：{step}",
    "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01": "“{value}”不是日期；请写作 YYYY-MM-DD，例如 2024-06-01",
}
