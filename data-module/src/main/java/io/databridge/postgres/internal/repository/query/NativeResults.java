package io.databridge.postgres.internal.repository.query;

import java.sql.ResultSetMetaData;
import java.util.HashMap;
import java.util.Map;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;

import org.springframework.data.repository.query.ReturnedType;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Chooses how rows of a {@code @Query} become results: entities by column label; a scalar
 * through its codec; a DTO by constructor parameter names; an interface projection from a
 * map keyed by property names; results are then shaped by Spring Data's
 * {@code ResultProcessor}.
 */
final class NativeResults {

	private NativeResults() {
	}

	/** A fresh mapper for one execution (label resolution is per result set). */
	static RowMapper<?> mapper(ReturnedType returned, Class<?> returnedObjectType, EntityStatements<?> statements,
			ValueCodecs codecs) {
		ValueCodec scalar = codecs.find(returnedObjectType);
		if (scalar != null && !returnedObjectType.equals(statements.entity().getType())) {
			return (rs, row) -> scalar.read(rs, 1);
		}
		if (!returned.isProjecting() || !Projections.properties(returned, statements.entity()).isEmpty()) {
			return statements.reader().labelMapper();
		}
		if (returned.isDtoProjection()) {
			return new DataClassRowMapper<>(returned.getReturnedType());
		}
		return (rs, row) -> {
			ResultSetMetaData meta = rs.getMetaData();
			Map<String, Object> values = new HashMap<>();
			for (int c = 1; c <= meta.getColumnCount(); c++) {
				String label = meta.getColumnLabel(c);
				Object value = JdbcUtils.getResultSetValue(rs, c);
				values.put(label, value);
				values.put(JdbcUtils.convertUnderscoreNameToPropertyName(label), value);
			}
			return values;
		};
	}

}
