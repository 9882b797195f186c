package io.ays.model.template;

/**
 * An executable hook of a template: {@code hooks/<action>} runs on the node, {@code
 * hooks/mgmt/<action>} at the management location; any language.
 *
 * @param path the file, relative to the template folder
 * @param management whether it is a management-location hook
 */
public record Hook(String action, String path, boolean management, boolean executable) {}
