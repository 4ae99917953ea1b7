package io.databridge.postgres.internal.convert;

import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A one-dimensional PostgreSQL array as a {@link List}, a {@link Set} or a Java array
 * ({@code T[]} or a primitive array), element by element through the element type's
 * codec, so an array of any mapped scalar reads and writes exactly as the scalar does;
 * {@code null} elements are kept (and refused, naming the column, for primitive arrays).
 *
 * <p>
 * Reading walks {@link java.sql.Array#getResultSet()}, whose second column holds the
 * elements typed as the server sent them. Parameters are bound as a typed array built
 * from the elements' {@link ValueCodec#toText text forms}; arrays of strings and enums,
 * whose column may be {@code varchar[]}, a user enum's array and so on, travel as an
 * array literal of unspecified type for the server to type from the context
 * ({@code col = ?}, {@code col = ANY(?)}, an INSERT; a context without a type, such as
 * {@code unnest(?)}, needs a cast in the SQL). In binary COPY the field is
 * {@code array_send}'s layout: dimensions (0 for an empty array), the has-nulls flag, the
 * element type's oid, then the size and lower bound 1 of the one dimension, then each
 * element as a length-prefixed field (length -1 for NULL).
 *
 * <p>
 * Immutable and thread-safe.
 */
final class ArrayCodec implements ValueCodec {

	private final ValueCodec element;

	/** The Java array's component type, or {@code null} for a {@link List}. */
	private final @Nullable Class<?> componentType;

	/**
	 * Whether a collection (not a Java array) is read as a {@link LinkedHashSet}, not a
	 * list.
	 */
	private final boolean set;

	private final int elementOid;

	private final boolean typed;

	private ArrayCodec(ValueCodec element, @Nullable Class<?> componentType, boolean set, int elementOid,
			boolean typed) {
		this.element = element;
		this.componentType = componentType;
		this.set = set;
		this.elementOid = elementOid;
		this.typed = typed;
	}

	/**
	 * An array read as a {@link List} (an {@link ArrayList}); written from any
	 * {@link Collection}.
	 */
	static ArrayCodec ofList(ValueCodec element) {
		return new ArrayCodec(element, null, false, element.oid(), isTyped(element));
	}

	/**
	 * An array read as a {@link Set} (a {@link LinkedHashSet}, in array order, duplicates
	 * dropped); written from any {@link Collection}.
	 */
	static ArrayCodec ofSet(ValueCodec element) {
		return new ArrayCodec(element, null, true, element.oid(), isTyped(element));
	}

	/**
	 * An array read as a Java array of the given component type; written from any array.
	 */
	static ArrayCodec ofArray(ValueCodec element, Class<?> componentType) {
		return new ArrayCodec(element, componentType, false, element.oid(), isTyped(element));
	}

	/**
	 * Text-like elements (strings, chars, enums) are bound untyped: their column may be
	 * {@code varchar[]}, {@code char[]}, a user enum's array or {@code citext[]}, and
	 * PostgreSQL has no implicit cast from {@code text[]} to those, so {@code col = ?}
	 * would not resolve.
	 */
	private static boolean isTyped(ValueCodec element) {
		return element.oid() != PgTypes.TEXT;
	}

	/**
	 * An array whose element type is unknown (an empty list parameter): bound for the
	 * server to type.
	 */
	static ArrayCodec untyped(ValueCodec element) {
		return new ArrayCodec(element, null, false, element.oid(), false);
	}

	/**
	 * This codec for a column whose element type is given: its oid goes into binary COPY
	 * fields.
	 */
	ArrayCodec forElementColumn(ValueCodec adaptedElement, int columnElementOid) {
		return new ArrayCodec(adaptedElement, this.componentType, this.set, columnElementOid, this.typed);
	}

	/** The codec of the elements. */
	ValueCodec element() {
		return this.element;
	}

	@Override
	public Class<?> javaType() {
		if (this.componentType != null) {
			return this.componentType.arrayType();
		}
		return this.set ? Set.class : List.class;
	}

	@Override
	public String pgType() {
		return "_" + this.element.pgType();
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		if (array == null) {
			return null;
		}
		List<@Nullable Object> values = new ArrayList<>();
		try (ResultSet elements = array.getResultSet()) {
			while (elements.next()) {
				values.add(this.element.read(elements, 2));
			}
		}
		finally {
			array.free();
		}
		if (this.componentType == null) {
			return this.set ? new LinkedHashSet<>(values) : values;
		}
		Object result = Array.newInstance(this.componentType, values.size());
		for (int i = 0; i < values.size(); i++) {
			Object value = values.get(i);
			if (value == null && this.componentType.isPrimitive()) {
				throw new IllegalArgumentException("NULL at array index " + (i + 1) + " cannot be stored in a "
						+ this.componentType.getName() + "[]; use a List or a wrapper array");
			}
			Array.set(result, i, value);
		}
		return result;
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.NULL);
			return;
		}
		List<?> elements = elements(value);
		if (this.typed) {
			@Nullable String[] texts = new String[elements.size()];
			for (int i = 0; i < texts.length; i++) {
				Object element = elements.get(i);
				texts[i] = element == null ? null : this.element.toText(element);
			}
			ps.setArray(index, ps.getConnection().createArrayOf(this.element.pgType(), texts));
		}
		else {
			ps.setObject(index, literal(elements), Types.OTHER);
		}
	}

	/**
	 * The array literal {@code {"a","b",NULL}}, every element quoted so no text needs
	 * inspection.
	 */
	private String literal(List<?> elements) {
		StringBuilder literal = new StringBuilder(elements.size() * 8 + 2).append('{');
		for (int i = 0; i < elements.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			Object element = elements.get(i);
			if (element == null) {
				literal.append("NULL");
				continue;
			}
			String text = this.element.toText(element);
			literal.append('"');
			for (int c = 0; c < text.length(); c++) {
				char ch = text.charAt(c);
				if (ch == '"' || ch == '\\') {
					literal.append('\\');
				}
				literal.append(ch);
			}
			literal.append('"');
		}
		return literal.append('}').toString();
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		List<?> elements = elements(value);
		int size = elements.size();
		if (size == 0) {
			out.writeInt(0);
			out.writeInt(0);
			out.writeInt(this.elementOid);
			return;
		}
		out.writeInt(1);
		out.writeInt(hasNull(elements) ? 1 : 0);
		out.writeInt(this.elementOid);
		out.writeInt(size);
		out.writeInt(1);
		for (int i = 0; i < size; i++) {
			Object element = elements.get(i);
			if (element == null) {
				out.writeNull();
			}
			else {
				int mark = out.beginField();
				this.element.writeBinary(out, element);
				out.endField(mark);
			}
		}
	}

	private static boolean hasNull(List<?> elements) {
		for (Object element : elements) {
			if (element == null) {
				return true;
			}
		}
		return false;
	}

	private static List<?> elements(Object value) {
		if (value instanceof List<?> list) {
			return list;
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection);
		}
		if (value instanceof Object[] array) {
			return java.util.Arrays.asList(array);
		}
		int length = Array.getLength(value);
		List<Object> list = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			list.add(Array.get(value, i));
		}
		return list;
	}

	@Override
	public String toString() {
		return "array codec of " + this.element;
	}

}
