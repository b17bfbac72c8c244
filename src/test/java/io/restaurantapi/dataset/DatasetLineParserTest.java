package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.api.Test;

class DatasetLineParserTest {

    @Test
    void keepsEveryFieldWithItsType() {
        BsonDocument document = DatasetLineParser.parse(1, """
                {"_id":{"$oid":"000000000000000000000001"},"address":42,"address line 2":"Town","rating":4.5,"URL":"u"}""");

        assertThat(document.get("_id").getBsonType()).isEqualTo(BsonType.OBJECT_ID);
        assertThat(document.get("address").getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(document.get("rating").getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(document.getString("address line 2").getValue()).isEqualTo("Town");
        assertThat(document.keySet()).containsExactly("_id", "address", "address line 2", "rating", "URL");
    }

    @Test
    void rejectsMalformedJsonWithTheLineNumber() {
        assertThatThrownBy(() ->
                        DatasetLineParser.parse(7, "{\"_id\":{\"$oid\":\"000000000000000000000001\"},\"name\":\"Cut"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessageStartingWith("line 7: malformed JSON");
    }

    @Test
    void rejectsALineThatIsNotAnObject() {
        assertThatThrownBy(() -> DatasetLineParser.parse(3, "[1,2]"))
                .hasMessage("line 3: expected a JSON object, found '[1,2]'");
    }

    @Test
    void rejectsADocumentWithoutAnId() {
        assertThatThrownBy(() -> DatasetLineParser.parse(2, "{\"name\":\"x\"}")).hasMessage("line 2: missing _id");
    }

    @Test
    void rejectsAnIdThatIsNotAnObjectId() {
        assertThatThrownBy(() -> DatasetLineParser.parse(4, "{\"_id\":\"55f14313c7447c3da705224b\"}"))
                .hasMessageStartingWith("line 4: _id must be an ObjectId");
    }

    @Test
    void rejectsTrailingContentAfterTheDocument() {
        assertThatThrownBy(
                        () -> DatasetLineParser.parse(5, "{\"_id\":{\"$oid\":\"000000000000000000000001\"}} {\"x\":1}"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessageStartingWith("line 5:");
    }

    @Test
    void reportsTheLineNumberOfARejectedLine() {
        assertThatThrownBy(() -> DatasetLineParser.parse(12, "nonsense"))
                .isInstanceOfSatisfying(
                        InvalidLineException.class,
                        e -> assertThat(e.lineNumber()).isEqualTo(12));
    }
}
