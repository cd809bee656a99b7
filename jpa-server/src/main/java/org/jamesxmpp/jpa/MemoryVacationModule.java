package org.jamesxmpp.jpa;

import org.apache.james.DefaultVacationService;
import org.apache.james.jmap.draft.utils.JsoupHtmlTextExtractor;
import org.apache.james.util.date.DefaultZonedDateTimeProvider;
import org.apache.james.util.date.ZonedDateTimeProvider;
import org.apache.james.util.html.HtmlTextExtractor;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.api.VacationService;
import org.apache.james.vacation.memory.MemoryNotificationRegistry;
import org.apache.james.vacation.memory.MemoryVacationRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * What {@code VacationMailet} (in our {@code mailetcontainer.xml}) needs. James has no JPA vacation store and this
 * server has no JMAP to set a vacation reply, so nothing is lost by keeping it in memory.
 */
public class MemoryVacationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DefaultVacationService.class).in(Scopes.SINGLETON);
        bind(VacationService.class).to(DefaultVacationService.class);
        bind(MemoryVacationRepository.class).in(Scopes.SINGLETON);
        bind(VacationRepository.class).to(MemoryVacationRepository.class);
        bind(MemoryNotificationRegistry.class).in(Scopes.SINGLETON);
        bind(NotificationRegistry.class).to(MemoryNotificationRegistry.class);
        bind(DefaultZonedDateTimeProvider.class).in(Scopes.SINGLETON);
        bind(ZonedDateTimeProvider.class).to(DefaultZonedDateTimeProvider.class);
        bind(JsoupHtmlTextExtractor.class).in(Scopes.SINGLETON);
        bind(HtmlTextExtractor.class).to(JsoupHtmlTextExtractor.class);
    }
}
