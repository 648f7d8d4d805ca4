package kis.engine.backtest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as a header and rows, each row with the line it starts on, read by Jackson's CSV
 * parser (RFC 4180 quoting: {@code "71,300"} is one field, a quote inside a quoted field is
 * doubled). Blank lines and lines starting with {@code #} are skipped; fields are trimmed. The
 * file is UTF-8 (a byte-order mark is dropped) or, if it is not valid UTF-8, CP949, the code page
 * Korean Windows tools (HTS, Excel) export in.
 */
record CsvTable(String source, List<String> header, List<Row> rows) {
  /** One data row and the 1-based line it starts on. */
  record Row(int line, List<String> fields) {}

  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.ALLOW_COMMENTS)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();
  private static final Charset CP949 = Charset.forName("x-windows-949");

  static CsvTable read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String text = decode(bytes);
    return parse(file.toString(), new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
  }

  static CsvTable parse(String source, Reader in) {
    List<String> header = null;
    List<Row> rows = new ArrayList<>();
    int[] rowLine = {-1}; // where the row being read starts: an unclosed quote is only noticed lines later
    try (JsonParser p = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).createParser(in)) {
      // WRAP_AS_ARRAY: the file is one array of rows, each row an array of strings.
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return new CsvTable(source, List.of(), List.of());
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
        rowLine[0] = -1;
        List<String> fields = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
          if (rowLine[0] < 0) {
            rowLine[0] = p.currentTokenLocation().getLineNr(); // the row's own line (its START_ARRAY has the last's)
          }
          fields.add(p.getText());
        }
        int line = rowLine[0];
        if (header == null) {
          header = fields;
        } else if (!fields.stream().allMatch(String::isEmpty)) {
          rows.add(new Row(line, fields));
        }
      }
    } catch (JsonProcessingException e) {
      int line = rowLine[0] >= 0 ? rowLine[0] : e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(source + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (header != null && !header.isEmpty()) {
      header.set(0, header.get(0).replace("\uFEFF", "").trim());
    }
    return new CsvTable(source, header == null ? List.of() : List.copyOf(header), List.copyOf(rows));
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, CP949);
    }
  }
}
