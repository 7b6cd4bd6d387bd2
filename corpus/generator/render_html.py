"""Web-page renderings of a report, as agencies publish them and as Word and LibreOffice save them.

Three styles, each printed from the report's grid model (anchors, spans,
roles, text), never from knowledge of the official tables:

* **editor** — what a site's web editor stores: ``<p>`` paragraphs, tables
  with ``rowspan``/``colspan``, ``&nbsp;`` in empty cells, a cell's lines as
  ``<p>`` or ``<br>``, now and then a number split over ``<span>``s. Knobs:
  site chrome around the article (navigation, breadcrumbs, scripts, a footer,
  sometimes a layout table wrapping the page) or a bare fragment; UTF-8 or
  GBK with a meta charset; spans written as spans or, as many editors do,
  every merged slot written as an empty cell.
* **word** — Word's "Web Page" markup: ``MsoNormal`` paragraphs, ``<o:p>``,
  conditional comments with XML islands, ``mso-`` styles, ``charset=gb2312``,
  source lines wrapped at about 76 characters (inside Chinese text too).
* **libreoffice** — the generated docx exported by LibreOffice
  (``soffice --convert-to html``), converted in batches like the PDFs.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

from .model import Cell, Heading, Paragraph, Report, Table, printed, row_items, slot_map
from .render_pdf import convert_batch

EDITOR_KNOBS = [(chrome, enc, spans) for chrome in ("chrome", "fragment") for enc in ("utf-8", "gbk")
                for spans in ("spans", "empty_cells")]


def editor_knobs(index: int) -> dict[str, str]:
    """The editor-style knobs of case number `index` (rotated so that each pair appears)."""
    chrome, enc, spans = EDITOR_KNOBS[index % len(EDITOR_KNOBS)]
    wrap = "layout_table" if chrome == "chrome" and index % 3 == 0 else "divs"
    return {"chrome": chrome, "encoding": enc, "spans": spans, "wrap": wrap}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


# --- editor style ---------------------------------------------------------------------------


def _editor_cell_html(cell: Cell, rng: random.Random) -> str:
    lines = [ln for ln in cell.text.split("\n")]
    if not cell.text.strip():
        return "&nbsp;"
    if cell.role == "data" and rng.random() < 0.15 and len(cell.text.strip()) > 1:
        t = cell.text
        cut = rng.randrange(1, len(t))
        return f"<span>{_esc(t[:cut])}</span><span style=\"font-family:宋体\">{_esc(t[cut:])}</span>"
    if len(lines) > 1 and rng.random() < 0.5:
        return "<br/>".join(_esc(ln) for ln in lines)
    return "".join(f"<p style=\"text-indent:0em;\">{_esc(ln)}</p>" for ln in lines)


def _td(attrs: str, inner: str, header: bool) -> str:
    style = "border:1px solid #000;padding:0 4px;text-align:center;" if header else \
        "border:1px solid #000;padding:0 4px;"
    return f"<td{attrs} style=\"{style}\" valign=\"center\">{inner}</td>"


def editor_table(table: Table, spans: str, rng: random.Random) -> str:
    """A table as a web editor writes it: exact spans, or every merged slot an empty cell."""
    table = printed(table)
    rows: list[str] = []
    slots = slot_map(table)
    for r in range(table.n_rows):
        tds: list[str] = []
        if spans == "spans":
            for cell, cont in row_items(table, r):
                if cont:
                    continue
                attrs = (f" rowspan=\"{cell.row_span}\"" if cell.row_span > 1 else "") + (
                    f" colspan=\"{cell.col_span}\"" if cell.col_span > 1 else "")
                tds.append(_td(attrs, _editor_cell_html(cell, rng), cell.role != "data"))
        else:
            for c in range(table.n_cols):
                cell = slots[(r, c)]
                anchor = (cell.row, cell.col) == (r, c)
                inner = _editor_cell_html(cell, rng) if anchor else "&nbsp;"
                tds.append(_td("", inner, cell.role != "data"))
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return ("<table style=\"border-collapse:collapse;margin:0 auto;\" border=\"1\" cellspacing=\"0\" "
            "align=\"center\"><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def _editor_body(report: Report, spans: str, rng: random.Random, with_title: bool) -> list[str]:
    out: list[str] = []
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                if with_title:
                    out.append(f"<p style=\"text-align:center;\"><strong>{_esc(block.text)}</strong></p>")
            elif block.level == 1 and rng.random() < 0.3:
                out.append(f"<h3>{_esc(block.text)}</h3>")
            else:
                out.append(f"<p style=\"text-indent:2em;\"><strong>{_esc(block.text)}</strong></p>")
        elif isinstance(block, Paragraph):
            out.append(f"<p style=\"text-indent:2em;\">{_esc(block.text)}</p>")
        elif isinstance(block, Table):
            out.append(editor_table(block, spans, rng))
    return out


_NAV = ["首页", "政务公开", "政府信息公开年报", "政策文件", "互动交流", "办事服务", "数据发布"]


def _chrome_top(report: Report, rng: random.Random) -> list[str]:
    links = "".join(f"<li><a href=\"/{i}/\">{t}</a></li>" for i, t in enumerate(_NAV))
    return [
        "<div class=\"header\"><div class=\"logo\"><img src=\"/images/logo.png\" alt=\"\"/>"
        f"<a href=\"/\">{_esc(report.agency)}</a></div>",
        f"<div class=\"nav\"><ul>{links}</ul></div>",
        "<script type=\"text/javascript\">var tpl = '<table><tr><td>一、总体情况</td></tr></table>';"
        "document.write('');</script></div>",
        "<div class=\"crumbs\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> "
        "&gt; <a href=\"/nb/\">政府信息公开年报</a></div>",
        f"<div class=\"article-title\"><h1>{_esc(report.title)}</h1>",
        f"<div class=\"meta\">发布时间：{report.year + 1}-01-{rng.randint(10, 31):02d} "
        f"来源：{_esc(report.agency)} 字号：<a href=\"#\">大</a> <a href=\"#\">中</a> "
        "<a href=\"#\">小</a></div></div>",
    ]


def _chrome_bottom(report: Report) -> list[str]:
    return [
        "<div class=\"share\">【<a href=\"javascript:window.print()\">打印本页</a>】"
        "【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>",
        "<div class=\"related\"><h4>相关链接</h4><ul><li><a href=\"/a\">2023年政府信息公开工作年度报告"
        "</a></li><li><a href=\"/b\">一、总体情况</a></li></ul></div>",
        f"<div class=\"footer\"><p>主办单位：{_esc(report.agency)} 网站标识码：1234567890</p>"
        "<p>ICP备案号：某ICP备12345678号</p></div>",
        "<script>(function(){var s=document.createElement('script');})();</script>",
    ]


def render_editor(report: Report, knobs: dict[str, str]) -> bytes:
    """The report as a web editor stores it, in a site page or as a bare fragment."""
    rng = random.Random(f"{report.case}:html:editor")
    chrome = knobs["chrome"] == "chrome"
    body = _editor_body(report, knobs["spans"], rng, with_title=not chrome)
    charset = "utf-8" if knobs["encoding"] == "utf-8" else "gbk"
    if chrome:
        article = ["<div class=\"article-content\"><div class=\"TRS_Editor\">", *body, "</div></div>"]
        top, bottom = _chrome_top(report, rng), _chrome_bottom(report)
        if knobs["wrap"] == "layout_table":
            side = "".join(f"<p><a href=\"/s{i}\">{t}</a></p>" for i, t in enumerate(_NAV))
            page = ["<table width=\"100%\" border=\"0\"><tr><td colspan=\"2\">", *top[:4], "</td></tr>",
                    f"<tr><td width=\"200\" valign=\"top\">{side}</td><td valign=\"top\">", *top[4:],
                    *article, "</td></tr><tr><td colspan=\"2\">", *bottom, "</td></tr></table>"]
        else:
            page = ["<div class=\"wrap\">", *top, *article, *bottom, "</div>"]
        text = "\n".join([
            "<!DOCTYPE html>", "<html>", "<head>",
            f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\" />",
            f"<title>{_esc(report.title)}_政府信息公开年报_{_esc(report.agency)}</title>",
            "<link rel=\"stylesheet\" href=\"/css/main.css\" />",
            "<style>.nav li{float:left}</style>", "</head>", "<body>", *page, "</body>", "</html>", ""])
    else:
        head = f"<meta charset=\"{charset}\">\n" if charset != "utf-8" else ""
        text = head + "\n".join(body) + "\n"
    return text.encode(charset, "xmlcharrefreplace")


# --- Word's web-page markup -------------------------------------------------------------------

_WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>一、总体情况</o:Author>
  <o:Pages>3</o:Pages>
 </o:DocumentProperties>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:TrackMoves>false</w:TrackMoves>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:"Calibri",sans-serif;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""

_SPAN = ("<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\";"
         "mso-hansi-font-family:\"Times New Roman\"'>")
_ASCII_RUN = re.compile(r"[0-9A-Za-z.+\-%]+")


def _word_runs(text: str) -> str:
    """Text as Word splits it into runs: CJK text in a 宋体 span, ASCII runs in lang=EN-US spans."""
    out: list[str] = []
    pos = 0
    for m in _ASCII_RUN.finditer(text):
        if m.start() > pos:
            out.append(_SPAN + _esc(text[pos:m.start()]) + "</span>")
        out.append(f"<span lang=EN-US>{_esc(m.group(0))}</span>")
        pos = m.end()
    if pos < len(text):
        out.append(_SPAN + _esc(text[pos:]) + "</span>")
    return "".join(out)


def _word_p(text: str, style: str = "", bold: bool = False) -> str:
    attrs = f" style='{style}'" if style else ""
    if not text.strip():
        return f"<p class=MsoNormal{attrs}><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    inner = _word_runs(text)
    if bold:
        inner = f"<b>{inner}</b>"
    return f"<p class=MsoNormal{attrs}>{inner}<span lang=EN-US><o:p></o:p></span></p>"


def _word_list_p(text: str) -> str:
    """A numbered paragraph as Word writes list numbering: the number in a supportLists block."""
    m = re.match(r"^([（(][一二三四五六七八九十]+[）)])(.*)$", text)
    if not m:
        return _word_p(text, "text-indent:21.0pt", bold=False)
    return ("<p class=MsoListParagraph style='margin-left:36.0pt;text-indent:-36.0pt;"
            "mso-list:l0 level1 lfo1'>"
            f"<![if !supportLists]><span style='font-family:宋体'>{_esc(m.group(1))}<span "
            "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>"
            f"{_word_runs(m.group(2))}<span lang=EN-US><o:p></o:p></span></p>")


def word_table(table: Table) -> str:
    table = printed(table)
    rows: list[str] = []
    for r in range(table.n_rows):
        tds: list[str] = []
        for cell, cont in row_items(table, r):
            if cont:
                continue
            attrs = f" width={60 * cell.col_span}"
            attrs += f" colspan={cell.col_span}" if cell.col_span > 1 else ""
            attrs += f" rowspan={cell.row_span}" if cell.row_span > 1 else ""
            paras = "\n  ".join(_word_p(ln, "text-align:center" if cell.role != "stub" else "")
                                for ln in (cell.text.split("\n") if cell.text else [""]))
            tds.append(f"  <td{attrs} style='width:{45 * cell.col_span}.0pt;border:solid windowtext "
                       "1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                       f"\n  {paras}\n  </td>")
        rows.append(f" <tr style='mso-yfti-irow:{r}'>\n" + "\n".join(tds) + "\n </tr>")
    return ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\n "
            "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
            "mso-yfti-tbllook:1184'>\n"
            + "\n".join(rows) + "\n</table>")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _wrap_source(line: str, width: int = 76) -> str:
    """Break a long source line as Word does: at a space between attributes, or between
    two Chinese characters of text (never inside an ASCII word or a number)."""
    out: list[str] = []
    start = 0
    i = 0
    in_tag = False
    last_break = -1
    while i < len(line):
        ch = line[i]
        if ch == "<":
            in_tag = True
        elif ch == ">":
            in_tag = False
        elif (in_tag and ch == " ") or (not in_tag and i > 0 and _is_cjk(ch) and _is_cjk(line[i - 1])):
            last_break = i
        if i - start >= width and last_break > start:
            cut = last_break
            out.append(line[start:cut].rstrip(" "))
            start = cut + 1 if line[cut] == " " else cut
            last_break = -1
        i += 1
    out.append(line[start:])
    return "\n".join(out)


def render_word(report: Report) -> bytes:
    """The report as Word saves a web page (charset gb2312, characters beyond it as references)."""
    parts: list[str] = [_WORD_HEAD.format(title=_esc(report.title))]
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                parts.append(_word_p(block.text, "text-align:center", bold=True))
            elif block.level == 1:
                parts.append(_word_p(block.text, "text-indent:21.0pt", bold=True))
            else:
                parts.append(_word_list_p(block.text))
        elif isinstance(block, Paragraph):
            parts.append(_word_p(block.text, "text-indent:21.0pt"))
        elif isinstance(block, Table):
            parts.append(word_table(block))
            parts.append(_word_p(""))
    parts.append("</div>\n\n</body>\n\n</html>\n")
    text = "\n\n".join(p if p.startswith("<html") else
                         "\n".join(_wrap_source(line) for line in p.split("\n")) for p in parts)
    return text.replace("\n", "\r\n").encode("gb2312", "xmlcharrefreplace")


# --- LibreOffice's export of the docx --------------------------------------------------------


def libreoffice_html(docx_files: list[Path], batch_size: int = 10, timeout: int = 600) -> list[Path]:
    """Export .docx files to .libreoffice.html beside them with LibreOffice; return the pages
    produced."""
    return convert_batch(docx_files, batch_size, timeout, to="html", suffix=".libreoffice.html")
