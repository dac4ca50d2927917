"""Key projects and their managers (项目经理人制): milestones, status history, investment, links, flags."""
