"""Matching (demands, supply, feedback) and open-challenge tables (challenges, applications, reviews,
milestones).

On a fresh database 0001's create_all already made them (the models are registered); checkfirst keeps
this revision a no-op there and creates them on databases made before.

Revision ID: 0005
Revises: 0009
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.challenges.tables import Challenge, ChallengeApplication, ChallengeMilestone, ChallengeReview
from shuanglian.matching.tables import MatchDemand, MatchFeedback, MatchSupply

MODELS = (MatchDemand, MatchSupply, MatchFeedback, Challenge, ChallengeApplication, ChallengeReview,
          ChallengeMilestone)

revision = "0005"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for model in MODELS:
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    bind = op.get_bind()
    for model in reversed(MODELS):
        model.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
