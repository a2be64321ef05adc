/* xml-tree.c: the node and depth limits over a parsed libxml2 tree. */
#include "xml-tree.h"

static guint64 node_weight(const xmlNode *n, gboolean count_attributes)
{
    guint64 w = 1;
    if (count_attributes && n->type == XML_ELEMENT_NODE)
        for (const xmlAttr *a = n->properties; a; a = a->next)
            w++;
    return w;
}

GwiTreeCheck gwi_xml_tree_check(const xmlNode *root, guint64 depth, guint64 max_depth, guint64 max_nodes,
                                gboolean count_attributes, guint64 *nodes)
{
    for (const xmlNode *n = root; n;) {
        *nodes += node_weight(n, count_attributes);
        if (*nodes > max_nodes)
            return GWI_TREE_TOO_MANY_NODES;
        if (n->type == XML_ELEMENT_NODE && depth > max_depth)
            return GWI_TREE_TOO_DEEP;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        n = n == root ? NULL : n->next;
    }
    return GWI_TREE_WITHIN;
}
