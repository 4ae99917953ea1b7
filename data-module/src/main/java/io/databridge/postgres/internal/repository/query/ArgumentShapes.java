package io.databridge.postgres.internal.repository.query;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.Parameters;

/**
 * A {@link ParameterAccessor} that hands the query creator {@link ArgumentShape}s instead
 * of values: the bindable parameters of a method, with a mask of those to treat as
 * {@code null}. Sorting, paging and projection are applied by the caller, so those
 * accessors return nothing.
 */
final class ArgumentShapes implements ParameterAccessor {

	private final List<Object> shapes;

	ArgumentShapes(Method method, Parameters<?, ?> parameters, long nullMask) {
		List<Object> list = new ArrayList<>();
		int bindable = 0;
		for (var parameter : parameters) {
			if (parameter.isBindable() && VectorSearch.isScoreParameter(parameter.getType())) {
				// read by the vector search, not matched to a part of the method name
				bindable++;
			}
			else if (parameter.isBindable()) {
				ResolvableType type = ResolvableType
					.forMethodParameter(new MethodParameter(method, parameter.getIndex()));
				list.add(new ArgumentShape(bindable, type, bindable < 64 && (nullMask & (1L << bindable)) != 0));
				bindable++;
			}
		}
		this.shapes = List.copyOf(list);
	}

	int size() {
		return this.shapes.size();
	}

	@Override
	public @Nullable ScrollPosition getScrollPosition() {
		return null;
	}

	@Override
	public Pageable getPageable() {
		return Pageable.unpaged();
	}

	@Override
	public Sort getSort() {
		return Sort.unsorted();
	}

	@Override
	public @Nullable Class<?> findDynamicProjection() {
		return null;
	}

	@Override
	public Object getBindableValue(int index) {
		return this.shapes.get(index);
	}

	@Override
	public boolean hasBindableNullValue() {
		return false;
	}

	@Override
	public Iterator<Object> iterator() {
		return this.shapes.iterator();
	}

}
