package io.databridge.postgres.internal.convert;

/**
 * A table column's type as the database reports it.
 *
 * @param column the column name
 * @param name the type's internal name ({@code int4}, {@code _text}, {@code jsonb}, a
 * user enum's name)
 * @param oid the type's object id
 * @param elementName the element type's name for an array column, else empty
 * @param elementOid the element type's object id for an array column, else 0
 * @param typmod the type modifier where data-bridge needs it (the dimension of a pgvector
 * {@code vector(n)} column), else -1
 */
public record ColumnType(String column, String name, int oid, String elementName, int elementOid, int typmod) {

	/** A column type without a type modifier. */
	public ColumnType(String column, String name, int oid, String elementName, int elementOid) {
		this(column, name, oid, elementName, elementOid, -1);
	}

	/** Whether the column is a pgvector {@code vector}. */
	public boolean isVector() {
		return "vector".equals(this.name);
	}

	/** Whether the column is an array. */
	public boolean isArray() {
		return this.elementOid != 0;
	}

	/** The element type of an array column, as a column type of its own. */
	ColumnType element() {
		return new ColumnType(this.column, this.elementName, this.elementOid, "", 0);
	}

	/**
	 * Whether the type is user-defined (an enum, a domain, an extension's type) rather
	 * than built in.
	 */
	boolean isUserDefined() {
		return this.oid >= 16_384;
	}

	@Override
	public String toString() {
		return this.name;
	}
}
