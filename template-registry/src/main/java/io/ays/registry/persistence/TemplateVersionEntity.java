package io.ays.registry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One content version of a template, with the commit it came from and its files. */
@Entity
@Table(name = "template_version")
public class TemplateVersionEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String domain;

  @Column(nullable = false)
  public String name;

  @Column(name = "content_hash", nullable = false)
  public String contentHash;

  @Column(nullable = false)
  public String repository;

  @Column(name = "source_commit")
  public String sourceCommit;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** The template's {@code description}, if it has one. */
  @Column(columnDefinition = "text")
  public String description;

  /** What a text search matches (see SearchText); null until filled for rows stored before it. */
  @Column(name = "search_text", columnDefinition = "text")
  public String searchText;

  @OneToMany(mappedBy = "version", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("path")
  public List<TemplateFileEntity> files = new ArrayList<>();

  public static Optional<TemplateVersionEntity> byHash(String domain, String name, String hash) {
    return find("domain = ?1 and name = ?2 and contentHash = ?3", domain, name, hash)
        .firstResultOptional();
  }

  /** Versions of a template, newest first. */
  public static List<TemplateVersionEntity> history(String domain, String name) {
    return list("domain = ?1 and name = ?2 order by createdAt desc, id desc", domain, name);
  }

  /** The current version of a template: the one that most recently became current. */
  public static Optional<TemplateVersionEntity> current(String domain, String name) {
    return find("domain = ?1 and name = ?2 order by createdAt desc, id desc", domain, name)
        .firstResultOptional();
  }

  private static final String IS_CURRENT =
      "not exists (select 1 from TemplateVersionEntity w where w.domain = v.domain and w.name ="
          + " v.name and (w.createdAt > v.createdAt or (w.createdAt = v.createdAt and w.id >"
          + " v.id)))";

  /** How many templates have a current version. */
  public static long countCurrent() {
    return getEntityManager()
        .createQuery("select count(v) from TemplateVersionEntity v where " + IS_CURRENT, Long.class)
        .getSingleResult();
  }

  /** The current version of every template. */
  public static List<TemplateVersionEntity> currentOfEach() {
    return list("from TemplateVersionEntity v where " + IS_CURRENT + " order by v.domain, v.name");
  }

  /**
   * The current versions that match every given criterion: {@code domain} exactly, {@code
   * nameContains} anywhere in the name, and each of {@code words} anywhere in the search text (all
   * case-insensitive except the domain).
   */
  public static List<TemplateVersionEntity> search(
      String domain, String nameContains, List<String> words) {
    StringBuilder query = new StringBuilder("from TemplateVersionEntity v where " + IS_CURRENT);
    Map<String, Object> params = new HashMap<>();
    if (domain != null) {
      query.append(" and v.domain = :domain");
      params.put("domain", domain);
    }
    if (nameContains != null) {
      query.append(" and lower(v.name) like :name escape '!'");
      params.put("name", "%" + likeEscaped(nameContains.toLowerCase(Locale.ROOT)) + "%");
    }
    for (int i = 0; i < words.size(); i++) {
      query.append(" and v.searchText like :w").append(i).append(" escape '!'");
      params.put("w" + i, "%" + likeEscaped(words.get(i).toLowerCase(Locale.ROOT)) + "%");
    }
    return list(query.append(" order by v.domain, v.name").toString(), params);
  }

  /** Versions stored before search text was kept. */
  public static List<TemplateVersionEntity> withoutSearchText() {
    return list("searchText is null");
  }

  private static String likeEscaped(String text) {
    // '!' rather than a backslash: no doubt about how each layer reads it
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
