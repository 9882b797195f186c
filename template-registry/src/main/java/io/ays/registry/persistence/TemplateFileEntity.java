package io.ays.registry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A file of a template version. */
@Entity
@Table(name = "template_file")
@IdClass(TemplateFileEntity.Key.class)
public class TemplateFileEntity extends PanacheEntityBase {

  /** Key: the version and the file's relative path. */
  public static class Key implements Serializable {
    public Long version;
    public String path;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other
          && java.util.Objects.equals(version, other.version)
          && java.util.Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(version, path);
    }
  }

  @Id
  @ManyToOne
  @JoinColumn(name = "version_id")
  public TemplateVersionEntity version;

  @Id public String path;

  @Column(nullable = false)
  public byte[] content;

  @Column(nullable = false)
  public boolean executable;
}
