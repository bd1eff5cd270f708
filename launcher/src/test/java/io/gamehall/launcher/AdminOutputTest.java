package io.gamehall.launcher;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminOutputTest
{
    @Test
    void jsonKeepsNumbersAndEscapesStrings()
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("name", "a\"b\\c\n\u0001");

        assertThat(AdminOutput.json(row)).isEqualTo("{\"id\":7,\"name\":\"a\\\"b\\\\c\\n\\u0001\"}");
    }

    @Test
    void tableAlignsColumnsAndCountsRows()
    {
        final StringWriter out = new StringWriter();
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 12345L);
        row.put("time", 0L);

        AdminOutput.table(new PrintWriter(out), List.of(AdminOutput.Column.of("ID", "id"),
            AdminOutput.Column.time("WHEN", "time")), List.of(row), "thing");

        assertThat(out.toString()).isEqualTo("ID     WHEN\n12345  -\n(1 thing)\n");
    }
}
