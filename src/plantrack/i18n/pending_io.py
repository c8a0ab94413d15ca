"""Error sentences of imports and output files (merged into the one catalogue by catalogue.py)."""

ENTRIES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------- import rows (rows.py);
    # {codec} is UTF-8 or GB18030/GBK, {limit} a number already grouped (1,048,576)
    "err.import.also": ("{first}; {then}", "{first}；{then}"),
    "err.import.no_rows": ("no rows to import", "没有可导入的行"),
    "err.import.csv": ("CSV error: {reason}", "CSV 格式错误：{reason}"),
    "err.import.undecodable_ahead": ("not valid {codec} (on this line or a later one); {way_out}",
                                     "不是有效的 {codec} 编码（在本行或其后某行）；{way_out}"),
    "err.import.undecodable": ("not valid {codec} (byte {byte} of the line); {way_out}",
                               "不是有效的 {codec} 编码（本行第 {byte} 个字节）；{way_out}"),
    "err.import.save_utf8": ("save the file as UTF-8", "请将文件另存为 UTF-8"),
    "err.import.save_utf8_or": ("save the file as UTF-8, or give --encoding {encoding}",
                                "请将文件另存为 UTF-8，或指定 --encoding {encoding}"),
    "err.import.save_utf8_not_gbk": ("save the file as UTF-8 (it is not GBK either; Big5 and "
                                     "Shift-JIS are not read)",
                                     "请将文件另存为 UTF-8（它也不是 GBK 编码；不支持 Big5 和 "
                                     "Shift-JIS）"),
    "err.import.mixed": ("this line is UTF-8 but the file before it is GBK (GB18030): save the "
                         "whole file in one encoding",
                         "本行是 UTF-8 编码，而此前的内容是 GBK（GB18030）编码：请将整个文件"
                         "保存为同一种编码"),
    "err.import.line_too_long": ("the line is longer than {limit} bytes; nothing more was read",
                                 "该行超过 {limit} 字节；其后的内容未再读取"),
    "err.import.utf16": ("the file is UTF-16; save it as UTF-8",
                         "文件是 UTF-16 编码；请另存为 UTF-8"),
    "err.import.zip": ("this is a zip file, as an Excel workbook is: give --format xlsx",
                       "这是 zip 文件（Excel 工作簿就是 zip 文件）：请指定 --format xlsx"),
    "err.import.empty_file": ("empty file; expected a header goal,date,value",
                              "文件为空；应有表头 goal,date,value"),
    "err.import.header_width": ("{n} columns in the header; the format has {width}",
                                "表头有 {n} 列；该格式共 {width} 列"),
    "err.import.column_twice": ("a column name appears twice", "有列名重复出现"),
    "err.import.missing_columns": ("missing column(s) {columns}", "缺少列 {columns}"),
    "err.import.audit_columns": ("column(s) {columns}: {hint}", "列 {columns}：{hint}"),
    "err.import.audit_hint": ("import takes figures only: who recorded them and when is set by "
                              "plantrack, and voids are made by void, undo and amend (a backup "
                              "from export entries is read by plantrack ledger restore)",
                              "import 只导入数据：记录人和录入时间由 plantrack 设定，作废只能用 "
                              "void、undo 和 amend（export entries 导出的备份由 plantrack ledger "
                              "restore 读取）"),
    "err.import.unknown_column": ("unknown column {column}{hint}", "未知的列 {column}{hint}"),
    "err.import.more_unknown": ("and {n} more unknown columns", "另有 {n} 个未知的列"),
    "err.import.cells": ("expected {expected} cells, found {found}",
                         "应有 {expected} 个单元格，实有 {found} 个"),
    "err.import.json": ("not valid JSON: {reason} (column {column})",
                        "不是有效的 JSON：{reason}（第 {column} 个字符处）"),
    "err.import.json_deep": ("not valid JSON (nested too deeply)", "不是有效的 JSON（嵌套过深）"),
    "err.import.key_twice": ("key {key} appears twice in the object",
                             "键 {key} 在对象中出现了两次"),
    "err.import.not_object": ("each line must be a JSON object", "每行须为一个 JSON 对象"),
    "err.import.audit_key": ("key {key}: {hint}", "键 {key}：{hint}"),
    "err.import.unknown_key": ("unknown key {key}{hint}", "未知的键 {key}{hint}"),
    "err.import.not_text": ("{key} must be text or a number", "{key} 须为文本或数字"),
    "err.import.cell_too_long": ("{key} is longer than {limit} characters",
                                 "{key} 超过 {limit} 个字符"),
    "err.import.surrogate": ("{key} holds an invalid character (a lone UTF-16 surrogate)",
                             "{key} 含有无效字符（孤立的 UTF-16 代理项）"),
    "err.import.goal_empty": ("goal is empty", "goal 为空"),
    "err.import.bad_kind": ("kind must be one of {kinds}, got {text}",
                            "kind 须为 {kinds} 之一，收到 {text}"),
    "err.import.bad_bound": ("bound must be empty, 'lower' or 'approx', got {text}",
                             "bound 须为空、'lower' 或 'approx'，收到 {text}"),
    "err.import.bound_not_value": ("only a value (not a change, status or note) can be a lower "
                                   "bound or approximate",
                                   "只有数值（而非变化量、状态或说明）才能是下限或约数"),
    "err.import.bound_disagrees": ("value {value} and bound {bound} disagree",
                                   "value {value} 与 bound {bound} 不一致"),
    "err.import.no_id": ("id is empty: every entry of a backup has its id",
                         "id 为空：备份中的每条记录都有 id"),
    "err.import.no_author": ("by and recorded_at are needed for every entry of a backup",
                             "备份中的每条记录都须有 by 和 recorded_at"),
    "err.import.void_parts": ("a void needs void_reason, voided_by and voided_at together",
                              "作废须同时给出 void_reason、voided_by 和 voided_at"),
    "err.import.void_before": ("voided_at {voided_at} is before recorded_at {recorded_at}",
                               "voided_at {voided_at} 早于 recorded_at {recorded_at}"),
    "err.import.stamp": ("{column} must be an ISO timestamp such as 2024-06-01T08:00:00Z (years "
                         "1900-2200), got {text}",
                         "{column} 须为 ISO 时间戳，如 2024-06-01T08:00:00Z（1900—2200 年之间），"
                         "收到 {text}"),
    "err.import.stamp_future": ("{column} {text} is in the future", "{column} {text} 晚于当前时间"),
    "err.import.note_value": ("a note row has no value; leave value empty",
                              "说明行没有数值；请将 value 留空"),
    "err.import.note_text": ("a note row needs the note text", "说明行须填写 note（说明文字）"),
    "err.import.not_kind": ("value {value} is not a {kind}", "value {value} 不是 {kind} 类型"),
    # workbooks
    "err.import.xls": ("an .xls or password-protected workbook: save it as .xlsx without a "
                       "password, or as CSV",
                       "这是 .xls 工作簿或设有密码的工作簿：请另存为不设密码的 .xlsx，"
                       "或另存为 CSV"),
    "err.import.no_sheet": ("no sheet {sheet}; the sheets are {sheets}",
                            "没有工作表 {sheet}；现有的工作表为 {sheets}"),
    "err.import.no_worksheet": ("the workbook has no worksheet", "工作簿中没有工作表"),
    "err.import.chart_sheet": ("sheet {sheet} is a chart, not a table",
                               "工作表 {sheet} 是图表，不是表格"),
    "err.import.unreadable_xlsx": ("not a readable Excel workbook (.xlsx): {error}",
                                   "不是可读取的 Excel 工作簿（.xlsx）：{error}"),
    # ------------------------------------------------------------- output files (files.py)
    "err.file.disk_full": ("disk full while writing {path}; the old file is unchanged",
                           "写入 {path} 时磁盘已满；原文件未改动"),
    "err.file.permission": ("cannot write {path}: permission denied", "无法写入 {path}：没有权限"),
    "err.file.cannot_write": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    "err.file.stdout_disk_full": ("disk full while writing standard output",
                                  "写入标准输出时磁盘已满"),
    "err.file.stdout_permission": ("cannot write standard output: permission denied",
                                   "无法写入标准输出：没有权限"),
    "err.file.stdout_cannot_write": ("cannot write standard output: {reason}",
                                     "无法写入标准输出：{reason}"),
    "err.file.dangling_link": ("refusing to write {path}: it is a link to nothing ({target})",
                               "拒绝写入 {path}：它是指向不存在文件的链接（{target}）"),
    "err.file.not_regular": ("refusing to write {path}: it is not a regular file",
                             "拒绝写入 {path}：它不是普通文件"),
    "err.file.database": ("refusing to overwrite {path}: it is a database, not an export",
                          "拒绝覆盖 {path}：它是数据库，不是导出文件"),
    "err.file.not_folder": ("cannot write {path}: {folder} is not a folder",
                            "无法写入 {path}：{folder} 不是文件夹"),
    "err.file.no_folder": ("cannot write {path}: folder {folder} does not exist",
                           "无法写入 {path}：文件夹 {folder} 不存在"),
    "err.file.exists": ("refusing to write {path}: it exists (give a new file name)",
                        "拒绝写入 {path}：该文件已存在（请换一个文件名）"),
    # ------------------------------------------------------------- PDF and PNG (browser.py)
    "err.browser.not_program": ("PLANTRACK_BROWSER={given} is not a program that can be run",
                                "PLANTRACK_BROWSER={given} 不是可以运行的程序"),
    "err.browser.none": ("no Chromium or Chrome found for PDF and PNG output: {install}",
                         "找不到用于输出 PDF 和 PNG 的 Chromium 或 Chrome：{install}"),
    "err.browser.install": ("install Chromium or Chrome (Debian/Ubuntu: apt install chromium "
                            "fonts-noto-cjk), or set PLANTRACK_BROWSER to its path; or write "
                            "--format html and print it from a browser",
                            "请安装 Chromium 或 Chrome（Debian/Ubuntu：apt install chromium "
                            "fonts-noto-cjk），或将 PLANTRACK_BROWSER 设为其路径；也可用 "
                            "--format html 输出，再从浏览器打印"),
    "err.browser.timeout": ("{browser} took more than {seconds} s to write the {product}",
                            "{browser} 写出 {product} 用时超过 {seconds} 秒"),
    "err.browser.cannot_run": ("cannot run {browser}: {reason}", "无法运行 {browser}：{reason}"),
    "err.browser.no_output": ("{browser} did not write the {product}: {why}",
                              "{browser} 未写出 {product}：{why}"),
    "err.browser.exit_status": ("exit status {code}", "退出状态为 {code}"),
    "err.browser.not_product": ("the browser wrote something that is not a {product}",
                                "浏览器写出的文件不是 {product}"),
    # ------------------------------------------------------------- workbooks (xlsx.py)
    "err.xlsx.rows": ("{n} rows do not fit in an Excel sheet ({limit} rows at most): use "
                      "--format csv", "{n} 行超出 Excel 工作表的容量（最多 {limit} 行）："
                      "请用 --format csv"),
    "err.xlsx.cell": ("a text of {n} characters does not fit in an Excel cell ({limit} at most): "
                      "use --format csv", "{n} 个字符的文本超出 Excel 单元格的容量（最多 {limit} "
                      "个字符）：请用 --format csv"),
}
