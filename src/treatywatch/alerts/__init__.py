"""Alerts: findings announced, once each, to webhooks (a signed JSON body) and by e-mail.

- `subscriptions`: the alerts kept in the store (add, list, remove) and their filters;
- `webhook`: the signed POST;
- `mail`: the message over SMTP, configured by environment variables;
- `dispatch`: which findings each alert has not announced yet, the deliveries and their retries.
"""
