package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the results as an SVG bar chart, with no library: one group per workload and
 * size, one horizontal bar per contender, length proportional to log10(rows per second)
 * so that a 1,000× range fits on one page. Failed and skipped results have no bar but are
 * named.
 */
final class SvgChart {

	private static final String[] COLORS = { "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
			"#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };

	private static final int WIDTH = 960;

	private static final int LABEL = 260;

	private static final int BAR = 14;

	private final List<Result> results;

	private final List<String> order;

	SvgChart(List<Result> results, List<String> order) {
		this.results = results;
		this.order = order;
	}

	String render(String title) {
		List<String> groups = new ArrayList<>();
		for (Workload workload : List.of(Workload.INSERT, Workload.SELECT_RANGE, Workload.FIND_BY_ID,
				Workload.STREAM)) {
			this.results.stream()
				.filter(r -> r.workload() == workload)
				.map(Result::size)
				.distinct()
				.sorted()
				.forEach(size -> groups.add(workload.key() + "\t" + size));
		}
		double maxLog = 1;
		double minLog = Double.MAX_VALUE;
		for (Result r : this.results) {
			if (r.ok()) {
				double log = Math.log10(rate(r));
				maxLog = Math.max(maxLog, log);
				minLog = Math.min(minLog, log);
			}
		}
		double floor = Math.max(0, Math.floor(minLog) - 1);
		double ceil = Math.ceil(maxLog);
		StringBuilder body = new StringBuilder();
		int y = 50;
		double scale = (WIDTH - LABEL - 130) / Math.max(1, ceil - floor);
		for (String group : groups) {
			String[] parts = group.split("\t");
			Workload workload = Workload.of(parts[0]);
			int size = Integer.parseInt(parts[1]);
			body.append(text(10, y + 12, parts[0] + " " + String.format(Locale.ROOT, "%,d", size)
					+ (workload == Workload.FIND_BY_ID ? " lookups" : " rows"), "bold"));
			y += 18;
			for (String contender : this.order) {
				Result r = this.results.stream()
					.filter(x -> x.workload() == workload && x.size() == size && x.contender().equals(contender))
					.findFirst()
					.orElse(null);
				if (r == null) {
					continue;
				}
				body.append(text(20, y + 11, contender, "normal"));
				if (r.ok()) {
					double rate = rate(r);
					int length = (int) Math.max(2, (Math.log10(rate) - floor) * scale);
					body.append(String.format(Locale.ROOT,
							"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", LABEL, y, length,
							BAR - 2, color(contender)));
					body.append(
							text(LABEL + length + 6, y + 11, String.format(Locale.ROOT, "%,.0f/s", rate), "normal"));
				}
				else {
					body.append(text(LABEL + 4, y + 11, "SKIP".equals(r.status()) ? "not run"
							: "ERROR (verification " + "or run failed): no figure", "italic"));
				}
				y += BAR + 2;
			}
			y += 10;
		}
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, y + 30));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(text(10, 22, title, "bold"));
		for (double decade = floor; decade <= ceil; decade++) {
			int x = (int) (LABEL + (decade - floor) * scale);
			svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"36\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
					x, x, y));
			svg.append(text(x - 10, 46, "1e" + (int) decade, "normal"));
		}
		svg.append(body);
		svg.append("</svg>\n");
		return svg.toString();
	}

	private String color(String contender) {
		int index = this.order.indexOf(contender);
		return COLORS[Math.floorMod(index, COLORS.length)];
	}

	private static double rate(Result r) {
		return r.size() / (r.medianNanos() / 1e9);
	}

	private static String text(int x, int y, String value, String style) {
		String weight = "bold".equals(style) ? " font-weight=\"bold\"" : "";
		String italic = "italic".equals(style) ? " font-style=\"italic\"" : "";
		return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s%s>%s</text>%n", x, y, weight, italic,
				value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
	}

}
