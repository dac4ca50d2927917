"""揭榜挂帅 / open challenges: publish a need, take applications, expert review, award, milestones."""
