"""Catalog: documents over time — git history, the archive, released text (document/).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

REVISE = '`handbook revise {number} --change "…" --effective YYYY-MM-DD`'

DOCUMENT = {
    "{path} (working copy)": "{path}（工作副本）",
    "working copy": "工作副本",
    "the revision is taken from a later commit if one parses": "该版次将取自之后能够解析的提交",
    "git is not installed, so earlier revisions cannot be read": "未安装 git，无法读取以前的版次",
    "install git to build the superseded-revision archive": "请安装 git，以生成已被替代版次的存档",
    "git {command} failed: {detail}": "git {command} 执行失败：{detail}",
    "build from a git clone of the handbook to include earlier revisions": "请在手册的 git 克隆中构建，以包含以前的版次",
    "this is a shallow clone, so earlier revisions are not in it": "这是浅克隆（shallow clone），其中没有以前的版次",
    "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) to include them": (
        "请获取完整历史（`git fetch --unshallow`，或在 CI 中设置 `fetch-depth: 0`）"
    ),
    "version {label} does not parse and is left out of the archive{reason}": "{label} 这一版本无法解析，未收入存档{reason}",
    ": {message} (line {line})": "：{message}（第 {line} 行）",
    "{label} cannot be read": "无法读取 {label}",
    "check that the file exists": "请确认文件存在",
    "revision {revision} is released in the working copy but not committed yet": "版次 {revision} 已在工作副本中发布，但尚未提交",
    "commit the file so the release is recorded in the archive": "请提交该文件，使这次发布记入存档",
    "only the current revision is available: {reason}": "只能取得现行版次：{reason}",
    "only the current revision of each document is shown: {reason}": "每份文件只显示现行版次：{reason}",
    "this version is not UTF-8 text": "这一版本不是 UTF-8 文本",
    "breaking change {changes} (records kept under it would no longer validate)": (
        "不兼容的更改：{changes}（按原版次保存的记录将无法通过校验）"
    ),
    "{where} differs": "{where} 不同",
    "clause {clause} ({where})": "条款 {clause}（{where}）",
    "released revision {revision} was changed without a new revision: {place} differs from commit {commit} "
    "that released it": "已发布的版次 {revision} 未经换版即被修改：{place} 与发布它的提交 {commit} 不同",
    "released text is frozen; undo the edit (`git checkout {commit} -- {path}`) and make the change as a new "
    "revision: " + REVISE: "已发布的文本不得改动；请撤销修改（`git checkout {commit} -- {path}`），以新版次进行更改："
    + REVISE,
    "released form revision {revision} was changed without a new revision: {what}; it was released in commit "
    "{commit}": "已发布的表单版次 {revision} 未经换版即被修改：{what}；该版次发布于提交 {commit}",
    "undo the edit (`git checkout {commit} -- {path}`) and make the change as a new revision: " + REVISE: (
        "请撤销修改（`git checkout {commit} -- {path}`），以新版次进行更改：" + REVISE
    ),
    "status goes backwards: revision {revision} was released (生效) in commit {commit} and is now 草稿 again": (
        "状态倒退：版次 {revision} 已在提交 {commit} 中发布（生效），现在又成了草稿"
    ),
    "a released revision stays released; start a new one: " + REVISE: "已发布的版次不能撤回；请开始新版次：" + REVISE,
    "status goes backwards: {number} was withdrawn (已作废) in commit {commit} and is now {status} again": (
        "状态倒退：{number} 已在提交 {commit} 中作废（已作废），现在又成了{status}"
    ),
    "a withdrawn document stays withdrawn; issue the text again as a new document number": (
        "已作废的文件不能恢复；如需再用这些内容，请以新的文件编号发布"
    ),
    "{number} was deleted, but it has issued revisions ({revision} released in commit {commit}); "
    "its archive would disappear": "{number} 已被删除，但它有已发布的版次（{revision} 发布于提交 {commit}）；其存档将会丢失",
    'restore the file (`git checkout {commit} -- {path}`) and withdraw it: `handbook withdraw {number} --reason "…" '
    "--effective YYYY-MM-DD`": (
        '请恢复该文件（`git checkout {commit} -- {path}`）并将其作废：`handbook withdraw {number} --reason "…" '
        "--effective YYYY-MM-DD`"
    ),
    "revision goes backwards: {revision} is older than {newest}, released in commit {commit}": (
        "版次倒退：{revision} 早于提交 {commit} 中发布的 {newest}"
    ),
    "a released revision cannot be rolled back; to restore earlier text, make it a new revision: "
    '`git checkout {commit} -- {path}`, then `handbook revise {number} --change "恢复 …" --effective YYYY-MM-DD`': (
        "已发布的版次不能回退；如需恢复以前的文本，请作为新版次："
        '`git checkout {commit} -- {path}`，然后 `handbook revise {number} --change "恢复 …" --effective YYYY-MM-DD`'
    ),
    "a released form revision cannot be rolled back; make a new one: " + REVISE: (
        "已发布的表单版次不能回退；请换新版次：" + REVISE
    ),
    "flow step '{id}' cites clause {clause}, which {number} does not have": "流程步骤“{id}”引用的条款 {clause} 在 {number} 中不存在",
    "cite a clause number as the document page shows it, e.g. {examples}": "请按文件页面上的条款号引用，如 {examples}",
}

DOCUMENT |= {
    "flow step '{id}' cites clause {cited}, which {number} does not have": "流程步骤“{id}”引用的条款 {cited} 在 {number} 中不存在",
    "cite a clause number as the document page shows it, e.g. {examples}": "请按文件页面上显示的条款号引用，例如 {examples}",
}
