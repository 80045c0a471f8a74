/** `runtime_config.on_disconnect`: what a run does once no client reads it. */
export const ON_DISCONNECT_CHOICES = ['cancel', 'continue'] as const;
export type OnDisconnect = (typeof ON_DISCONNECT_CHOICES)[number];
