"""workshops: groups, participants, notes, gallery, votes and the canvas

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('gallery_ends_at', sa.DateTime(), nullable=True),
    sa.Column('dots_per_participant', sa.Integer(), nullable=False),
    sa.Column('prompts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('families', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('threshold_unit', sa.String(length=8), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_workshops_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('join_code', name=op.f('uq_workshops_join_code'))
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_project_id'), ['project_id'], unique=False)

    op.create_table('workshop_canvas_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=200), nullable=False),
    sa.Column('actors', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('other_actors', sa.String(length=300), nullable=False),
    sa.Column('barriers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('proposal_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('thresholds', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_canvas_rows_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_canvas_rows'))
    )
    with op.batch_alter_table('workshop_canvas_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_canvas_rows_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_groups_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_groups')),
    sa.UniqueConstraint('workshop_id', 'number', name='uq_workshop_groups_workshop_number')
    )
    with op.batch_alter_table('workshop_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_groups_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=True),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['workshop_groups.id'], name=op.f('fk_participants_group_id_workshop_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_participants_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_participants_token_hash'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_campaigns',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_workshop_campaigns_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_campaigns_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'campaign_id', name=op.f('pk_workshop_campaigns'))
    )
    op.create_table('workshop_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('prompt_index', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['workshop_groups.id'], name=op.f('fk_workshop_notes_group_id_workshop_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_notes')),
    sa.UniqueConstraint('group_id', 'prompt_index', name='uq_workshop_notes_group_prompt')
    )
    with op.batch_alter_table('workshop_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_notes_group_id'), ['group_id'], unique=False)

    op.create_table('workshop_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_group_id', sa.Integer(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['workshop_proposals.id'], name=op.f('fk_workshop_proposals_merged_into_id_workshop_proposals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_group_id'], ['workshop_groups.id'], name=op.f('fk_workshop_proposals_source_group_id_workshop_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_proposals_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_proposals'))
    )
    with op.batch_alter_table('workshop_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_proposals_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_summaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['workshop_groups.id'], name=op.f('fk_workshop_summaries_group_id_workshop_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_summaries')),
    sa.UniqueConstraint('group_id', name=op.f('uq_workshop_summaries_group_id'))
    )
    op.create_table('workshop_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['workshop_groups.id'], name=op.f('fk_workshop_comments_group_id_workshop_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_workshop_comments_participant_id_participants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_comments'))
    )
    with op.batch_alter_table('workshop_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_comments_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_comments_participant_id'), ['participant_id'], unique=False)

    op.create_table('workshop_plus_ones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['workshop_groups.id'], name=op.f('fk_workshop_plus_ones_group_id_workshop_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_workshop_plus_ones_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_plus_ones')),
    sa.UniqueConstraint('participant_id', 'group_id', 'target', name='uq_workshop_plus_ones_participant_group_target')
    )
    with op.batch_alter_table('workshop_plus_ones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_plus_ones_group_id'), ['group_id'], unique=False)

    op.create_table('workshop_votes',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('dots', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_workshop_votes_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['workshop_proposals.id'], name=op.f('fk_workshop_votes_proposal_id_workshop_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'proposal_id', name=op.f('pk_workshop_votes'))
    )
    with op.batch_alter_table('workshop_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_votes_proposal_id'), ['proposal_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('workshop_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_votes_proposal_id'))

    op.drop_table('workshop_votes')
    with op.batch_alter_table('workshop_plus_ones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_plus_ones_group_id'))

    op.drop_table('workshop_plus_ones')
    with op.batch_alter_table('workshop_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_comments_participant_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_comments_group_id'))

    op.drop_table('workshop_comments')
    op.drop_table('workshop_summaries')
    with op.batch_alter_table('workshop_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_proposals_workshop_id'))

    op.drop_table('workshop_proposals')
    with op.batch_alter_table('workshop_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_notes_group_id'))

    op.drop_table('workshop_notes')
    op.drop_table('workshop_campaigns')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_participants_group_id'))

    op.drop_table('participants')
    with op.batch_alter_table('workshop_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_groups_workshop_id'))

    op.drop_table('workshop_groups')
    with op.batch_alter_table('workshop_canvas_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_canvas_rows_workshop_id'))

    op.drop_table('workshop_canvas_rows')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_project_id'))

    op.drop_table('workshops')
