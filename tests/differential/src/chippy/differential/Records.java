package chippy.differential;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Record batches to produce, and fetched batches decoded field by field for the comparison. */
final class Records {
    private Records() {
    }

    /** count records with keys and values named after prefix, each with one header, at fixed timestamps. */
    static MemoryRecords batch(Compression compression, long timestamp, String prefix, int count) {
        return MemoryRecords.withRecords(compression, simple(timestamp, prefix, count));
    }

    static MemoryRecords idempotentBatch(long producerId, short epoch, int sequence, long timestamp,
            String prefix, int count) {
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, sequence,
                simple(timestamp, prefix, count));
    }

    /** One record whose value is size bytes long. */
    static MemoryRecords oversized(long timestamp, int size) {
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(timestamp, null, new byte[size]));
    }

    private static SimpleRecord[] simple(long timestamp, String prefix, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; ++i) {
            Header[] headers = {new RecordHeader("h", ("header-" + i).getBytes(StandardCharsets.UTF_8))};
            records[i] = new SimpleRecord(timestamp + i, bytes(prefix + "-key-" + i), bytes(prefix + "-value-" + i),
                    headers);
        }
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Puts each fetched partition's batches, decoded, where the JSON has only their size. */
    static void replaceFetchedRecords(FetchResponseData fetch, JsonNode json) {
        JsonNode topics = json.get("responses");
        for (int t = 0; t < fetch.responses().size(); ++t) {
            var partitions = fetch.responses().get(t).partitions();
            for (int p = 0; p < partitions.size(); ++p) {
                ObjectNode partition = (ObjectNode) topics.get(t).get("partitions").get(p);
                partition.remove("recordsSizeInBytes");
                partition.set("records", decode(partitions.get(p).records()));
            }
        }
    }

    private static JsonNode decode(BaseRecords records) {
        ArrayNode batches = JsonNodeFactory.instance.arrayNode();
        if (!(records instanceof MemoryRecords memory)) {
            return batches;
        }
        for (RecordBatch batch : memory.batches()) {
            ObjectNode b = batches.addObject();
            b.put("baseOffset", batch.baseOffset());
            b.put("lastOffset", batch.lastOffset());
            b.put("magic", batch.magic());
            b.put("compression", batch.compressionType().name);
            b.put("timestampType", batch.timestampType().name);
            b.put("maxTimestamp", batch.maxTimestamp());
            b.put("transactional", batch.isTransactional());
            b.put("control", batch.isControlBatch());
            b.put("producerEpoch", batch.producerEpoch());
            b.put("baseSequence", batch.baseSequence());
            b.put("partitionLeaderEpoch", batch.partitionLeaderEpoch());
            b.put("valid", batch.isValid());
            ArrayNode list = b.putArray("records");
            for (Record record : batch) {
                ObjectNode r = list.addObject();
                r.put("offset", record.offset());
                r.put("timestamp", record.timestamp());
                r.put("key", text(record.key()));
                r.put("value", text(record.value()));
                ArrayNode headers = r.putArray("headers");
                for (Header header : record.headers()) {
                    headers.addObject().put("key", header.key()).put("value", new String(header.value(),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return batches;
    }

    private static String text(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
