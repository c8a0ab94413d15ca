"""The sentences of the ledger's errors (SQLite and PostgreSQL), in English and Chinese: part
of the one catalogue (``plantrack.i18n.CATALOGUE``), as messages.py is."""

from __future__ import annotations

LEDGER_MESSAGES: dict[str, tuple[str, str]] = {
    # the ledger (SQLite and PostgreSQL)
    # ------------------------------------------------------------- both backends; {where} is
    # a file path or a URL without its password, {unsaved} err.ledger.unsaved or nothing
    "err.ledger.unsaved": ("; nothing was saved", "；未保存任何数据"),
    "err.ledger.unknown_scheme": ("unknown ledger URL scheme {scheme} (known: {known})",
                                  "未知的台账 URL 类型 {scheme}（可用：{known}）"),
    "err.ledger.no_ledger": ("no ledger at {where} (record or import figures first)",
                             "{where} 处没有台账（请先记录或导入数据）"),
    "err.ledger.damaged": ("database {where} is damaged: {reason} (see plantrack doctor)",
                           "数据库 {where} 已损坏：{reason}（参见 plantrack doctor）"),
    "err.ledger.not_utf8": ("it holds text that is not UTF-8", "其中有不是 UTF-8 编码的文本"),
    "err.ledger.newer": ("database {where} was written by a newer plantrack (migration "
                         "{migration})",
                         "数据库 {where} 由更新版本的 plantrack 写入（迁移 {migration}）"),
    "err.ledger.older": ("ledger {where} is from an older plantrack; upgrade it once with "
                         "plantrack ledger upgrade (reports never change a ledger)",
                         "台账 {where} 来自旧版 plantrack；请用 plantrack ledger upgrade 升级一次"
                         "（报告从不修改台账）"),
    "err.ledger.read_only": ("database {where} is read-only{unsaved}",
                             "数据库 {where} 为只读{unsaved}"),
    "err.ledger.restore_not_empty": ("ledger {where} is not empty: a backup is restored into an "
                                     "empty ledger only (nothing was changed)",
                                     "台账 {where} 不是空台账：备份只能恢复到空台账中"
                                     "（未作任何改动）"),
    "err.ledger.backup_twice": ("line {line}: entry id {id} is in the backup twice; nothing was "
                                "restored",
                                "第 {line} 行：记录编号 {id} 在备份中出现了两次；未恢复任何数据"),
    "err.ledger.copy_not_empty": ("ledger {where} is not empty; nothing was copied",
                                  "台账 {where} 不是空台账；未复制任何数据"),
    # {id} is an entry's id as stored, {reason} the reason its void was given (user text)
    "err.ledger.already_voided": ("entry {id} is already voided ({reason})",
                                  "记录 {id} 已作废（{reason}）"),
    "err.ledger.not_voided": ("entry {id} is not voided; nothing to restore",
                              "记录 {id} 未作废；无需恢复"),
    "err.ledger.amend_voided": ("entry {id} is voided ({reason}); restore it first or record a "
                                "new figure",
                                "记录 {id} 已作废（{reason}）；请先恢复该记录，或记录一个新数据"),
    "err.ledger.id_taken": ("entry id {id} is taken; nothing was changed",
                            "记录编号 {id} 已被占用；未作任何改动"),
    "err.ledger.nothing_to_undo": ("nothing of yours ({by}) to undo in this ledger",
                                   "本台账中没有您（{by}）可撤销的操作"),
    "err.ledger.ambiguous_id": ("entry id {ref} is ambiguous; give more characters",
                                "记录编号 {ref} 对应多条记录；请多写几个字符"),
    "err.ledger.no_entry": ("no entry with id {ref}{short}; see 'plantrack history'",
                            "没有编号为 {ref} 的记录{short}；参见 'plantrack history'"),
    "err.ledger.short_id": (" (an id is named by its first 4 or more characters)",
                            "（编号可以简写，但至少要写前 4 个字符）"),
    # the conflict of one entry (errors.EntryConflictError)
    "err.ledger.conflict": ("line {line}: entry id {id} is already recorded with other content",
                            "第 {line} 行：记录编号 {id} 已记录为其他内容"),
    # ------------------------------------------------------------- a stored row plantrack
    # cannot have written (stored.DamagedRow), inside err.ledger.damaged
    "err.ledger.row": ("entry {entry}: {what}", "记录 {entry}：{what}"),
    # a goal's figures whose entry has no id to name it: English names it as before
    "err.ledger.row_of_goal": ("entry {entry}: {what}", "目标 {goal} 的一条记录：{what}"),
    "err.ledger.row.date_form": ("date {text} is not a YYYY-MM-DD date",
                                 "日期 {text} 不是 YYYY-MM-DD 格式"),
    "err.ledger.row.date_calendar": ("date {text} is not a calendar date",
                                     "日期 {text} 不是真实的日期"),
    "err.ledger.row.stamp": ("{column} {text} is not a UTC timestamp",
                             "{column} {text} 不是 UTC 时间戳"),
    "err.ledger.row.value": ("value {units} is not an exact stored number",
                             "数值 {units} 不是精确存储的数字"),
    "err.ledger.row.not_text": ("its id, goal or author is not text",
                                "其编号、目标或记录人不是文本"),
    "err.ledger.row.kind": ("kind {kind} does not fit its value", "类型 {kind} 与其数值不符"),
    "err.ledger.row.status_bound": ("status {status} or bound {bound} does not fit kind {kind}",
                                    "状态 {status} 或界限 {bound} 与类型 {kind} 不符"),
    "err.ledger.row.texts": ("a note, source or void reason is not text",
                             "说明、来源或作废原因不是文本"),
    "err.ledger.row.bound_kind": ("only a total can be {mark}, not a {kind}",
                                  "只有总量可以标为{mark}，{kind} 不可以"),
    "err.ledger.row.mark_lower": ("a lower bound", "下限"),
    "err.ledger.row.mark_approx": ("approximate", "约数"),
    "err.ledger.row.empty": ("its id, its author or a note row's text is empty",
                             "其编号、记录人或说明文字为空"),
    "err.ledger.row.status": ("status {status} is not a milestone status",
                              "状态 {status} 不是里程碑状态"),
    "err.ledger.row.change": ("a change is not an exact stored number",
                              "变化量不是精确存储的数字"),
    "err.ledger.row.two_voids": ("it has two voids in force at once",
                                 "该记录同时有两项有效的作废"),
    "err.ledger.row.not_utf8": ("its text is not UTF-8", "其中的文本不是 UTF-8 编码"),
    # ------------------------------------------------------------- the SQLite file; {path}
    "err.ledger.empty_location": ("the ledger location is empty", "台账位置为空"),
    "err.ledger.file_uri": ("ledger {location}: give a file path (or sqlite:///path); file: "
                            "URIs and :memory: are refused, so that what is recorded is kept",
                            "台账 {location}：请给出文件路径（或 sqlite:///path）；不接受 file: "
                            "URI 和 :memory:，以免记录的数据丢失"),
    "err.ledger.is_folder": ("database path {path} is a folder, not a file",
                             "数据库路径 {path} 是文件夹，不是文件"),
    "err.ledger.foreign_file": ("{path} is not a plantrack ledger (it holds other tables); it "
                                "was left unchanged",
                                "{path} 不是 plantrack 台账（其中有其他数据表）；未作任何改动"),
    "err.ledger.unseen_changes": ("database {path} has changes in {wal} that a read-only open "
                                  "cannot see (its folder is not writable); open it once with "
                                  "write access",
                                  "数据库 {path} 在 {wal} 中有只读打开时看不到的更改（其所在"
                                  "文件夹不可写）；请以写权限打开一次"),
    "err.ledger.parent_not_folder": ("cannot create database {path}: {folder} is not a folder",
                                     "无法创建数据库 {path}：{folder} 不是文件夹"),
    "err.ledger.folder_read_only": ("folder {folder} is not writable (SQLite keeps its journal "
                                    "beside the database); nothing was saved",
                                    "文件夹 {folder} 不可写（SQLite 的日志文件须放在数据库旁边）；"
                                    "未保存任何数据"),
    "err.ledger.busy": ("database {path} is busy: another plantrack is writing; try "
                        "again{unsaved}",
                        "数据库 {path} 正忙：另一个 plantrack 正在写入；请稍后重试{unsaved}"),
    "err.ledger.not_plantrack": ("database {path} is damaged or not a plantrack database",
                                 "数据库 {path} 已损坏，或不是 plantrack 数据库"),
    "err.ledger.disk_full": ("disk full while writing {path}{unsaved}",
                             "写入 {path} 时磁盘已满{unsaved}"),
    "err.ledger.cannot_open_write": ("cannot open database {path} for writing (is {folder} "
                                     "writable?)",
                                     "无法以写方式打开数据库 {path}（{folder} 是否可写？）"),
    "err.ledger.cannot_open_read": ("cannot open database {path} for reading (permission?)",
                                    "无法以读方式打开数据库 {path}（是否有权限？）"),
    "err.ledger.io_error": ("I/O error on database {path}{unsaved}",
                            "数据库 {path} 读写出错（I/O 错误）{unsaved}"),
    "err.ledger.write_denied": ("cannot write to {path}: permission denied",
                                "无法写入 {path}：权限不足"),
    "err.ledger.read_denied": ("cannot read {path}: permission denied",
                               "无法读取 {path}：权限不足"),
    # {reason}: the system's own words (strerror)
    "err.ledger.cannot_write": ("cannot write to {path}: {reason}", "无法写入 {path}：{reason}"),
    "err.ledger.cannot_read": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "err.ledger.not_unicode": ("text holds characters that are not valid Unicode ({bad}); nothing "
                               "was saved", "文本中有无效的 Unicode 字符（{bad}）；未保存任何数据"),
    "err.ledger.no_roles": ("roles are a PostgreSQL ledger's: who may write a SQLite ledger is "
                            "who may write its file",
                            "角色只用于 PostgreSQL 台账：能写入 SQLite 台账文件的人就能写入该台账"),
    # a reason inside err.ledger.damaged: English keeps the quotes that SQLite's own
    # reasons get there (this one is plantrack's, raised as a sqlite3 error by m005)
    "err.ledger.entries_changed": ("'its entries table is not the one plantrack made (no bound "
                                   "CHECK as plantrack writes it to widen)'",
                                   "其 entries 表不是 plantrack 建立的表，没有 plantrack 所写、"
                                   "可供放宽的 bound CHECK 约束"),
    # ------------------------------------------------------------- PostgreSQL; {reason} is the
    # server's or the driver's own first line
    "err.pg.not_url": ("not a PostgreSQL URL: {url}", "不是 PostgreSQL URL：{url}"),
    "err.pg.schema_name": ("schema {schema} in {url}: lowercase letters, digits and _ (at most "
                           "63), starting with a letter or _",
                           "{url} 中的 schema {schema}：只能由小写字母、数字和 _ 组成"
                           "（最多 63 个），并以字母或 _ 开头"),
    "err.pg.no_psycopg": ("{where}: PostgreSQL ledgers need psycopg; install it with {hint}",
                          "{where}：PostgreSQL 台账需要 psycopg；请用 {hint} 安装"),
    "err.pg.cannot_connect": ("cannot connect to {where}: {reason}",
                              "无法连接到 {where}：{reason}"),
    "err.pg.permission": ("permission denied on {where}: {reason} (the ledger's owner grants "
                          "roles with plantrack ledger grant){unsaved}",
                          "对 {where} 的权限不足：{reason}（台账所有者可用 plantrack ledger grant "
                          "授予权限）{unsaved}"),
    "err.pg.busy": ("database {where} is busy: {reason}; try again{unsaved}",
                    "数据库 {where} 正忙：{reason}；请稍后重试{unsaved}"),
    "err.pg.no_schema": ("no ledger at {where} ({reason})", "{where} 处没有台账（{reason}）"),
    "err.pg.lost": ("lost the connection to {where}: {reason}{unsaved}",
                    "与 {where} 的连接已断开：{reason}{unsaved}"),
    "err.pg.full": ("database {where} cannot take more: {reason}{unsaved}",
                    "数据库 {where} 资源不足：{reason}{unsaved}"),
    "err.pg.error": ("database {where}: {reason}{unsaved}", "数据库 {where}：{reason}{unsaved}"),
    "err.pg.no_rights": ("permission denied: {user} has no rights on the ledger at {where} (its "
                         "owner grants them with plantrack ledger grant)",
                         "权限不足：{user} 对 {where} 处的台账没有任何权限（由台账所有者用 "
                         "plantrack ledger grant 授予）"),
    "err.pg.foreign_schema": ("schema {schema} of {where} is not a plantrack ledger (it holds "
                              "other tables); it was left unchanged",
                              "{where} 的 schema {schema} 不是 plantrack 台账（其中有其他数据表）；"
                              "未作任何改动"),
    "err.pg.no_ledger": ("no ledger at {where} (record or import figures first, as the ledger's "
                         "owner)", "{where} 处没有台账（请先以台账所有者的身份记录或导入数据）"),
    "err.pg.older": ("ledger {where} is from an older plantrack; its owner upgrades it once with "
                     "plantrack ledger upgrade (reports never change a ledger)",
                     "台账 {where} 来自旧版 plantrack；须由其所有者用 plantrack ledger upgrade "
                     "升级一次（报告从不修改台账）"),
    "err.pg.owner_grants": ("permission denied: only the owner of the ledger at {where} grants "
                            "roles", "权限不足：只有 {where} 处台账的所有者才能授予权限"),
    "err.pg.owner_revokes": ("permission denied: only the owner of the ledger at {where} revokes "
                             "roles", "权限不足：只有 {where} 处台账的所有者才能收回权限"),
    "err.pg.no_role": ("no database user {role} on this server (create it first: CREATE ROLE ... "
                       "LOGIN PASSWORD ...)",
                       "该服务器上没有数据库用户 {role}（请先创建：CREATE ROLE ... LOGIN "
                       "PASSWORD ...）"),
    # ------------------------------------------------------------- a recorder limited to
    # units (ledger grant --unit); {role} the database user, {units} its unit ids
    "err.pg.unit_record": ("permission denied on {where}: {role} may record figures of {units} "
                           "only, not of another unit or of the whole (no unit){unsaved}",
                           "对 {where} 的权限不足：{role} 只能记录 {units} 的数据，不能记录其他"
                           "单位或全省（不分单位）的数据{unsaved}"),
    "err.pg.unit_change": ("permission denied on {where}: {role} may void and restore entries "
                           "of {units} only, not of another unit or of the whole (no "
                           "unit){unsaved}",
                           "对 {where} 的权限不足：{role} 只能作废和恢复 {units} 的记录，不能作废"
                           "或恢复其他单位或全省（不分单位）的记录{unsaved}"),
    "err.pg.units_reader": ("--unit limits what a recorder may record; a reader reads every "
                            "unit (give --role recorder, or no --unit)",
                            "--unit 用于限定记录员（recorder）可记录的单位；只读用户（reader）"
                            "可读取所有单位（请用 --role recorder，或不给 --unit）"),
    "err.pg.unit_empty": ("a unit id is empty", "单位 id 为空"),
    "msg.granted_reader": ("{role} is a reader of {where}",
                           "{role} 现为 {where} 的只读用户（reader）"),
    "msg.granted_recorder": ("{role} is a recorder of {where}",
                             "{role} 现为 {where} 的记录员（recorder）"),
    "msg.granted_units": ("{role} is a recorder of {where}, for {units} only",
                          "{role} 现为 {where} 的记录员（recorder），仅限 {units}"),
    "err.pg.entries_changed": ("{schema}.entries is not the table plantrack made: it has no "
                               "bound CHECK as plantrack writes it to replace",
                               "{schema}.entries 不是 plantrack 建立的表：其中没有 plantrack 所写、"
                               "可供替换的 bound CHECK 约束"),
}
