/**
 * What every gamehall process needs of Aeron, apart from any role: the back-off of its polling
 * threads ({@code IdleSettings}, {@code IdleKind}, {@code QuietingBackoffIdleStrategy}), an embedded media driver
 * ({@code LocalMediaDriver}) in an owner-only directory ({@code OwnerOnlyDirectory}), the check
 * that a driver directory is in memory ({@code DriverDirectoryCheck}) and the clean-up of the
 * directories of dead processes ({@code StaleDriverDirectories}).
 */
package io.gamehall.aeron;
