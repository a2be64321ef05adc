/* xml-tree.h: the node and depth limits over a parsed libxml2 tree, shared
 * by the readers that keep a DOM (DOCX parts read whole, HTML). */
#ifndef GW_XML_TREE_H
#define GW_XML_TREE_H

#include <glib.h>
#include <libxml/tree.h>

typedef enum {
    GWI_TREE_WITHIN,
    GWI_TREE_TOO_MANY_NODES,
    GWI_TREE_TOO_DEEP,
} GwiTreeCheck;

/* Walks the subtree at `root` (whose depth is `depth`) without recursion
 * and without entering entity references, adding its nodes to *nodes
 * (attributes too when `count_attributes`).  Stops at the first node past
 * `max_nodes` in all or the first element deeper than `max_depth`. */
GwiTreeCheck gwi_xml_tree_check(const xmlNode *root, guint64 depth, guint64 max_depth, guint64 max_nodes,
                                gboolean count_attributes, guint64 *nodes);

#endif
