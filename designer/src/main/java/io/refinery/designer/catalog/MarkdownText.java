package io.refinery.designer.catalog;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.H5;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;

/**
 * A datasheet's Markdown as plain components, readable without a Markdown library: headings, bullet lists,
 * paragraphs; tables and code blocks stay preformatted. Everything is set as text, never as HTML.
 */
final class MarkdownText {
    private MarkdownText() {
    }

    static Component render(String markdown) {
        Div page = new Div();
        page.addClassName("markdown");
        page.getStyle().set("max-width", "900px");
        UnorderedList list = null;
        StringBuilder fenced = null;
        StringBuilder table = null;
        StringBuilder paragraph = new StringBuilder();
        for (String line : markdown.split("\r?\n", -1)) {
            if (fenced != null) {
                if (line.startsWith("```")) {
                    page.add(new Pre(fenced.toString()));
                    fenced = null;
                } else {
                    fenced.append(line).append('\n');
                }
                continue;
            }
            if (table != null) {
                if (line.startsWith("|")) {
                    table.append(line).append('\n');
                    continue;
                }
                page.add(new Pre(table.toString()));
                table = null;
            }
            if (line.startsWith("```") || line.startsWith("|")) {
                flush(page, paragraph);
                list = null;
                if (line.startsWith("|")) {
                    table = new StringBuilder(line).append('\n');
                } else {
                    fenced = new StringBuilder();
                }
            } else if (line.startsWith("#")) {
                flush(page, paragraph);
                list = null;
                String text = line.replaceFirst("^#+\\s*", "");
                int level = line.length() - line.replaceFirst("^#+", "").length();
                page.add(level == 1 ? new H3(text) : level == 2 ? new H4(text) : new H5(text));
            } else if (line.matches("\\s*[-*] .*")) {
                flush(page, paragraph);
                if (list == null) {
                    list = new UnorderedList();
                    page.add(list);
                }
                list.add(new ListItem(line.replaceFirst("^\\s*[-*] ", "")));
            } else if (line.isBlank()) {
                flush(page, paragraph);
                list = null;
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        if (fenced != null || table != null) {
            page.add(new Pre((fenced != null ? fenced : table).toString()));
        }
        flush(page, paragraph);
        return page;
    }

    private static void flush(Div page, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            page.add(new Paragraph(paragraph.toString()));
            paragraph.setLength(0);
        }
    }
}
