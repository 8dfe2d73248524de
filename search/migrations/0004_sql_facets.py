"""The database backend answers filters, totals and facets in SQL: each document's facet values as rows
(SearchFacet) and its price as a column, filled here for the documents already indexed. SQLite also gets an
``fts5vocab`` table over the FTS index, from which long matching queries read document frequencies."""

import django.db.models.deletion
from django.db import migrations, models

VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')"


def vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(VOCAB)


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab")


def backfill(apps, schema_editor):
    from search.backends.base import facet_rows

    Document = apps.get_model("search", "SearchDocument")
    Facet = apps.get_model("search", "SearchFacet")
    for document in Document.objects.iterator(chunk_size=500):
        price = document.facets.get("price")
        if price is not None:
            Document.objects.filter(pk=document.pk).update(price=price)
        Facet.objects.bulk_create(
            Facet(document_id=document.pk, name=name, value=value[:200], folded=value.lower()[:200])
            for name, value in facet_rows(document.type, document.facets)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_postgres_tsvector_column'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='price',
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='SearchFacet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=32)),
                ('value', models.CharField(max_length=200)),
                ('folded', models.CharField(max_length=200)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facet_rows', to='search.searchdocument')),
            ],
            options={
                'verbose_name': '搜索分面',
                'verbose_name_plural': '搜索分面',
                'indexes': [models.Index(fields=['document', 'name', 'folded'], name='search_facet_filter'), models.Index(fields=['name', 'folded'], name='search_facet_value')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(vocabulary, drop_vocabulary),
    ]
