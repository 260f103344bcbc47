/**
 * What the guest's init is told: an image's runtime settings plus a host's or demo block's
 * overrides, rendered as {@code /.termpress/init.conf}. No dependencies, shared by every host.
 */
package dev.termpress.emulator.guest;
