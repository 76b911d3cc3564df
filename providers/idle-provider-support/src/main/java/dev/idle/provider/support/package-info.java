/**
 * The provider toolkit: what every provider module shares (HTTP calls, provider options, trust stores, JWT signing,
 * clock and sleeper). Provider authors may use it; the engine ({@code idle-core}) never does.
 */
package dev.idle.provider.support;
