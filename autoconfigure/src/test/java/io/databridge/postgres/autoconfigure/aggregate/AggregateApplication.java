package io.databridge.postgres.autoconfigure.aggregate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.databridge.postgres.mapping.event.AfterSaveEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.AuditorAware;

/**
 * A Boot application with auditing switched on by property and a listener for document
 * events.
 */
@SpringBootApplication
public class AggregateApplication {

	/** The user the auditor reports. */
	public static final AtomicReference<String> currentUser = new AtomicReference<>("ada");

	/** Titles of saved documents, as the generic event listener saw them. */
	public static final List<String> savedTitles = new CopyOnWriteArrayList<>();

	@Bean
	AuditorAware<String> auditor() {
		return () -> Optional.of(currentUser.get());
	}

	@EventListener
	void onDocumentSaved(AfterSaveEvent<Document> event) {
		Document document = event.getEntity();
		savedTitles.add(document == null ? "?" : document.getTitle());
	}

}
