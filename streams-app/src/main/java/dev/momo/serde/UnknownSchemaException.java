package dev.momo.serde;

/** Schema id that the schema registry does not contain. */
public class UnknownSchemaException extends SerdeException {

    private final int schemaId;

    public UnknownSchemaException(int schemaId, String message) {
        super(message);
        this.schemaId = schemaId;
    }

    public UnknownSchemaException(int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
