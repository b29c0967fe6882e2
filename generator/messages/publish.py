"""Catalog: building the site and the PDFs (publish/, render/).

English template → Chinese template, the same `{placeholders}` (see generator/messages).
"""

PUBLISH = {
    "mkdocs.yml is missing": "缺少 mkdocs.yml",
    "handbook: build_date must be YYYY-MM-DD: {detail}": "handbook：build_date 应写作 YYYY-MM-DD：{detail}",
    "handbook: the sources have errors:": "handbook：源文件有错误：",
    "run handbook from the project folder, or pass --root": "请在手册项目文件夹中运行 handbook，或用 --root 指定项目文件夹",
    "site build failed: {detail}": "网站构建失败：{detail}",
    "see the messages above": "详见上面的信息",
    "site build failed: cannot read or write this file: {reason}": "网站构建失败：无法读取或写入这个文件：{reason}",
    "it does not exist": "文件不存在",
    "permission denied": "没有权限",
    "check that it exists and can be read (a symbolic link in docs/ may point to nothing)": (
        "请确认文件存在且可以读取（docs/ 中的符号链接可能指向不存在的文件）"
    ),
    "choose a new or empty folder with --site-dir (a build replaces only a folder it made itself)": (
        "请用 --site-dir 指定一个新的或空的文件夹（构建只会替换它自己生成的文件夹）"
    ),
    "it is the project folder": "它就是项目文件夹",
    "it contains the project folder {root}": "它包含项目文件夹 {root}",
    "it is a file, not a folder": "它是文件，不是文件夹",
    "it holds sources ({names})": "其中有源文件（{names}）",
    "it holds files the build did not make (no {marker} marker)": "其中有不是构建生成的文件（没有 {marker} 标记）",
    "refusing to build into {target}: {problem}": "拒绝构建到 {target}：{problem}",
    "it is inside the project's {name}": "它位于项目的 {name} 之内",
    " (process {pid})": "（进程 {pid}）",
    "another build of {root} is running{holder}; waiting for it to finish": "{root} 的另一次构建正在进行{holder}，等待其完成",
    "HarfBuzz-Subset (libharfbuzz-subset.so.0, version 4.1 or later) is not installed: "
    "WeasyPrint would fall back to fontTools and take 30 times longer per PDF": (
        "未安装 HarfBuzz-Subset（libharfbuzz-subset.so.0，4.1 或更高版本）：WeasyPrint 将改用 fontTools，"
        "每份 PDF 的生成时间约为 30 倍"
    ),
    "the font {family} {style} is not installed": "未安装字体 {family} {style}",
    "apt-get install {package}": "请安装：apt-get install {package}",
    "PDF rendering failed: {detail}": "PDF 生成失败：{detail}",
    "look for URLs or markup in the text that the renderer must not load": "请检查正文中是否有生成 PDF 时不得加载的网址或标记",
}
