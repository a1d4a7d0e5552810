package org.madang.directives;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.madang.MadangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * E-mails a department when it is given a directive or one of its directives becomes overdue: to the department's
 * contact address and its members' addresses, in Korean and English, with a link to the directive. Sent after commit
 * on its own thread, so a slow or failing mail server never holds up or undoes a directive; a failure is logged.
 * Off unless {@code spring.mail.host} is set (Spring Boot then provides the {@link JavaMailSender}).
 */
@Component
class DirectiveMail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DirectiveMail.class);

  private final ObjectProvider<JavaMailSender> sender;
  private final OrganizationDirectory directory;
  private final MadangProperties.Directives settings;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "directives-mail");
    t.setDaemon(true);
    return t;
  });

  DirectiveMail(ObjectProvider<JavaMailSender> sender, OrganizationDirectory directory, MadangProperties properties) {
    this.sender = sender;
    this.directory = directory;
    this.settings = properties.directives();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(DirectiveChanged change) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null || !(change.kind().equals("issued") || change.kind().equals("overdue"))) {
      return;
    }
    Directive d = change.directive();
    Set<String> to = new LinkedHashSet<>();
    directory.findDepartment(d.departmentId()).ifPresent(dep -> {
      if (dep.email() != null && !dep.email().isBlank()) {
        to.add(dep.email());
      }
      to.addAll(directory.listMemberEmails(dep));
    });
    if (to.isEmpty()) {
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(settings.mailFrom());
    message.setTo(to.toArray(String[]::new));
    boolean overdue = change.kind().equals("overdue");
    message.setSubject((overdue ? "[기한 초과 Overdue] " : "[지시 Directive] ") + d.title());
    String link = settings.linkBase().replaceAll("/+$", "") + "/directives#" + d.id();
    message.setText(String.join("\n",
        (overdue ? "처리 기한이 지난 지시입니다." : "새 지시가 내려졌습니다.") + " / " + (overdue ? "This directive is past its due time." : "A new directive for your department."),
        "",
        "제목 Title: " + d.title(),
        "부서 Department: " + d.departmentTitle() + (d.departmentTitleEn() == null ? "" : " (" + d.departmentTitleEn() + ")"),
        "우선순위 Priority: " + d.priority().code(),
        "기한 Due: " + (d.dueAt() == null ? "-" : d.dueAt().toString()),
        "지시자 Issued by: " + d.issuedBy(),
        "",
        d.body() == null ? "" : d.body(),
        "",
        link));
    thread.execute(() -> {
      try {
        mail.send(message);
      } catch (MailException e) {
        log.warn("Could not e-mail directive {} to {}: {}", d.id(), to, e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
