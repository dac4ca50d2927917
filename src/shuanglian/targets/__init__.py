"""Targets and outcomes (任务书): goals stated in documents, the figures reported later, and their status."""
