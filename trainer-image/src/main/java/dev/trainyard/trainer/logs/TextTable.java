package dev.trainyard.trainer.logs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table of right-aligned columns, for numbers that should line up on a console. */
final class TextTable {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    /** Prints the header and the rows, each line starting with {@code indent}. */
    void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printLine(out, indent, headers, widths);
        for (List<String> row : rows) {
            printLine(out, indent, row, widths);
        }
    }

    private static void printLine(PrintWriter out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            line.repeat(' ', widths[c] - cells.get(c).length()).append(cells.get(c));
        }
        out.println(line);
    }
}
