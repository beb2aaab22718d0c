package io.kedge.bench.load;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured markdown table; numbers right-aligned, text left-aligned, columns padded for plain reading. */
public final class MarkdownTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.copyOf(headers);
    }

    public MarkdownTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, the table " + headers.size()
                    + " columns: " + cells);
        }
        rows.add(cells.stream().map(MarkdownTable::escape).toList());
        return this;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = Math.max(3, headers.get(c).length());
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= isNumeric(row.get(c));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, numeric);
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            out.append(' ').append("-".repeat(widths[c] - 1)).append(numeric[c] ? ':' : '-').append(" |");
        }
        out.append('\n');
        rows.forEach(row -> line(out, row, widths, numeric));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ').append(numeric[c] ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }

    /** Digits with separators or a dash for "not measured". */
    private static boolean isNumeric(String cell) {
        return cell.equals("—") || cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?");
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
