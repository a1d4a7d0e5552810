package org.madang.engine;

import java.util.List;

/**
 * What the engine found out while reading a file: kept with the version so an official can see how it was read.
 *
 * @param format the format read
 * @param encoding the text encoding used (detected or given), null for binary formats
 * @param delimiter the field delimiter for CSV/TSV, else null
 * @param headerRows how many rows formed the header
 * @param warnings plain sentences about things that were accepted but are worth knowing (e.g. rows outside the city)
 */
public record IngestReport(SourceFormat format, String encoding, String delimiter, int headerRows, List<String> warnings) {}
