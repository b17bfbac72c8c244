package io.restaurantapi.dataset;

import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonType;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.json.JsonParseException;
import org.bson.json.JsonReader;

/**
 * Parses one line of a mongoexport file (MongoDB Extended JSON, one document a line) into the document
 * to store, keeping every field and its BSON type as written.
 */
public final class DatasetLineParser {

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private DatasetLineParser() {}

    public static BsonDocument parse(long lineNumber, String line) {
        String json = line.strip();
        if (!json.startsWith("{")) {
            throw new InvalidLineException(lineNumber, "expected a JSON object, found " + abbreviate(json));
        }
        BsonDocument document;
        try (JsonReader reader = new JsonReader(json)) {
            document = CODEC.decode(reader, DecoderContext.builder().build());
            if (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                throw new InvalidLineException(lineNumber, "unexpected content after the JSON object");
            }
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw new InvalidLineException(lineNumber, "malformed JSON (" + e.getMessage() + ")");
        }
        if (!document.containsKey("_id")) {
            throw new InvalidLineException(lineNumber, "missing _id");
        }
        if (document.get("_id").getBsonType() != BsonType.OBJECT_ID) {
            throw new InvalidLineException(lineNumber, "_id must be an ObjectId ({\"$oid\": \"<24 hex digits>\"})");
        }
        return document;
    }

    private static String abbreviate(String json) {
        return "'" + (json.length() > 20 ? json.substring(0, 20) + "…" : json) + "'";
    }
}
